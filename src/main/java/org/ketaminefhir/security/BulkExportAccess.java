package org.ketaminefhir.security;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Objects;
import org.ketaminefhir.security.rules.GrantedScopes;
import org.ketaminefhir.security.rules.Permission;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * Bulk Data exports belong to the client that started them. At kick-off the export is limited to the resource types
 * the token can read, and is stamped with the client id; that stamp goes onto every export file (Binary
 * securityContext) and is checked when the status is polled or the export cancelled, so another client learns nothing,
 * not even that the export exists.
 */
@Interceptor
public class BulkExportAccess implements RequestScopedInterceptor {

    /** The identifier system of the client stamp on export jobs and files. */
    static final String CLIENT_SYSTEM = "urn:ketamine-fhir:oauth-client";
    private static final String POLL_STATUS = "$export-poll-status";

    private final IJobCoordinator jobs;

    BulkExportAccess(IJobCoordinator jobs) {
        this.jobs = jobs;
    }

    @Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
    public void initiating(BulkExportJobParameters export) {
        GrantedScopes granted = CurrentToken.grantedScopes();
        List<String> readable = export.getResourceTypes().stream()
                .filter(type -> granted.grants(Permission.READ, type))
                .toList();
        if (readable.isEmpty()) {
            throw new ForbiddenOperationException("The token's scopes allow reading none of the resource types to export: "
                    + String.join(",", export.getResourceTypes()));
        }
        export.setResourceTypes(readable);
        export.setBinarySecurityContextIdentifierSystem(CLIENT_SYSTEM);
        export.setBinarySecurityContextIdentifierValue(CurrentToken.clientId());
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void polling(RequestDetails request) {
        if (!POLL_STATUS.equals(request.getOperation())) {
            return;
        }
        String[] jobId = request.getParameters().get("_jobId");
        if (jobId == null) {
            return; // HAPI's provider answers a missing _jobId with 400
        }
        if (jobId.length != 1 || jobId[0].isBlank()) {
            // HAPI would take the first of several; the one checked must be the one used.
            throw new InvalidRequestException("_jobId must be given exactly once");
        }
        String owner = null;
        try {
            JobInstance job = jobs.getInstance(jobId[0]);
            owner = job.getParameters(BulkExportJobParameters.class).getBinarySecurityContextIdentifierValue();
        } catch (ResourceNotFoundException | IllegalArgumentException unknown) {
            // Answered below exactly as another client's export is.
        }
        if (owner == null || !Objects.equals(owner, CurrentToken.clientId())) {
            throw new ResourceNotFoundException("No bulk export job " + jobId[0] + " of this client");
        }
    }
}
