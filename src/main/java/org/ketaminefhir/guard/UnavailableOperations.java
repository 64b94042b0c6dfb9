package org.ketaminefhir.guard;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;

/**
 * Withdraws the operations HAPI's providers bring along that need an index this server does not run. Without it,
 * {@code $lastn} fell back to a scan of every Observation (a minute per call on the bench database, for any client
 * allowed to read) and {@code $reindex-terminology} failed with an internal error. They are left out of the
 * CapabilityStatement, and a request for one gets 400, as an unknown operation does.
 */
@Interceptor
public class UnavailableOperations {

    static final String CODE = "KETA-GUARD-005: ";
    private static final Map<String, String> WHY = Map.of(
            "lastn", "it needs an Elasticsearch index of Observations. Search Observation with _sort=-date and "
                    + "_count for a patient's latest results",
            "reindex-terminology", "it rebuilds a full-text terminology index, and this server does not keep one");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void refuse(RequestDetails request) {
        String operation = request.getOperation();
        String name = operation == null ? null : operation.replaceFirst("^\\$", "");
        if (name != null && WHY.containsKey(name)) {
            throw new InvalidRequestException(CODE + "$" + name + " is not offered by this server: " + WHY.get(name));
        }
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void withdraw(IBaseConformance generated) {
        CapabilityStatement capabilities = (CapabilityStatement) generated;
        for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
            rest.getOperation().removeIf(operation -> WHY.containsKey(operation.getName()));
            for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                resource.getOperation().removeIf(operation -> WHY.containsKey(operation.getName()));
            }
        }
    }
}
