package org.ketaminefhir.guard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Refuses a JSON resource body whose shape HAPI's parser would silently coerce (see {@link JsonShapeCheck}): 400 with
 * one issue per problem. Bodies that are not JSON, or not JSON at all, are left to the parser.
 */
@Interceptor
public class JsonShapeInterceptor {

    private static final Set<RestOperationTypeEnum> RESOURCE_BODIES = Set.of(
            RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH,
            RestOperationTypeEnum.TRANSACTION);

    private static final String CODE = "KETA-GUARD-002: ";
    private static final Set<String> FHIR_JSON_TYPES =
            Set.of(Constants.CT_FHIR_JSON_NEW, Constants.CT_FHIR_JSON, Constants.CT_JSON);

    private final JsonShapeCheck check;
    private final ObjectMapper mapper = new ObjectMapper();

    JsonShapeInterceptor(FhirContext fhirContext) {
        this.check = new JsonShapeCheck(fhirContext);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkBody(RequestDetails request, RestOperationTypeEnum operation) throws IOException {
        String mediaType = ErrorOutcomes.mediaType(request.getHeader(Constants.HEADER_CONTENT_TYPE));
        if (!RESOURCE_BODIES.contains(operation) || !FHIR_JSON_TYPES.contains(mediaType)) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            return;
        }
        List<String> problems = check.problems(tree);
        if (!problems.isEmpty()) {
            throw ErrorOutcomes.malformedBody(CODE, problems);
        }
    }
}
