package org.ketaminefhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseParameters;

/**
 * Marks a bean whose {@code @Operation} methods the RestfulServer serves. Features implement it; the server collects
 * every such bean without knowing the feature.
 */
public interface FhirOperationProvider {

    /**
     * HAPI ignores a POST body that is not a Parameters resource when an operation takes no resource input; the client
     * meant something by it, so say that it is wrong instead.
     */
    static void requireParametersBody(RequestDetails request, String operation) {
        if (request.getResource() != null && !(request.getResource() instanceof IBaseParameters)) {
            throw new InvalidRequestException(operation + ": a POST body must be a Parameters resource, not "
                    + request.getResource().fhirType());
        }
    }
}
