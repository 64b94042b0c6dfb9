package org.ketaminefhir.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.binary.BinarySecurityContextInterceptor;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseBinary;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Identifier;
import org.ketaminefhir.security.rules.Permission;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * Who may read a Binary: an export file only the client whose export made it (the manifest says
 * {@code requiresAccessToken}); any other Binary only a token with a system or user read scope on Binary.
 */
@Interceptor
public class ExportFileAccess extends BinarySecurityContextInterceptor implements RequestScopedInterceptor {

    public ExportFileAccess(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    protected void applyAccessControl(IBaseBinary binary, RequestDetails request) {
        Identifier stamp = binary instanceof Binary r4 ? r4.getSecurityContext().getIdentifier() : new Identifier();
        boolean allowed = BulkExportAccess.CLIENT_SYSTEM.equals(stamp.getSystem())
                ? Objects.equals(stamp.getValue(), CurrentToken.clientId())
                : CurrentToken.grantedScopes().grantsBeyondOnePatient(Permission.READ, "Binary");
        if (!allowed) {
            handleForbidden(binary);
        }
    }
}
