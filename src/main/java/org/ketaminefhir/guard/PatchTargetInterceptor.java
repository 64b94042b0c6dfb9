package org.ketaminefhir.guard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Refuses a patch that would change an element the server keeps (see {@link PatchTargetCheck}): a PATCH request (JSON
 * Patch, XML Patch or FHIRPath Patch), or a PATCH entry of a transaction or batch, 400 with one issue per such
 * operation. A body this cannot read is left to
 * HAPI, which refuses it in its own words.
 */
@Interceptor
public class PatchTargetInterceptor {

    private static final String CODE = "KETA-GUARD-008: ";
    private static final Set<String> JSON_TYPES = Set.of(Constants.CT_FHIR_JSON_NEW, Constants.CT_FHIR_JSON,
            Constants.CT_JSON);
    private static final Set<String> XML_TYPES = Set.of(Constants.CT_FHIR_XML_NEW, Constants.CT_FHIR_XML,
            Constants.CT_XML, "text/xml");

    private final FhirContext fhirContext;
    private final PatchTargetCheck check = new PatchTargetCheck();
    private final ObjectMapper mapper = new ObjectMapper();

    PatchTargetInterceptor(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkPatch(RequestDetails request, RestOperationTypeEnum operation) throws IOException {
        List<PatchTargetCheck.Problem> problems = switch (operation) {
            case PATCH -> inRequestBody(request);
            case TRANSACTION -> request.getResource() instanceof Bundle bundle ? inEntries(bundle) : List.of();
            default -> List.of();
        };
        if (!problems.isEmpty()) {
            Map<String, String> expressions = new HashMap<>();
            problems.forEach(problem -> expressions.put(problem.message(), problem.expression()));
            List<String> messages = problems.stream().map(PatchTargetCheck.Problem::message).toList();
            throw new InvalidRequestException(CODE + messages.get(0), ErrorOutcomes.of(
                    OperationOutcome.IssueType.INVALID, messages, message -> CODE + message, expressions::get));
        }
    }

    private List<PatchTargetCheck.Problem> inRequestBody(RequestDetails request) throws IOException {
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return List.of();
        }
        String mediaType = ErrorOutcomes.mediaType(request.getHeader(Constants.HEADER_CONTENT_TYPE));
        Charset charset = request.getCharset() == null ? StandardCharsets.UTF_8 : request.getCharset();
        if (mediaType.equals(Constants.CT_JSON_PATCH)) {
            JsonNode patch = readJson(body);
            return patch == null ? List.of() : check.inJsonPatch(patch, null);
        }
        if (mediaType.equals(Constants.CT_XML_PATCH)) {
            return check.inXmlPatch(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }
        IParser parser = JSON_TYPES.contains(mediaType) ? fhirContext.newJsonParser()
                : XML_TYPES.contains(mediaType) ? fhirContext.newXmlParser() : null;
        if (parser == null) {
            return List.of();
        }
        try {
            return parser.parseResource(new String(body, charset)) instanceof Parameters patch
                    ? check.inFhirPathPatch(patch, "Parameters") : List.of();
        } catch (DataFormatException unreadable) {
            return List.of();
        }
    }

    private List<PatchTargetCheck.Problem> inEntries(Bundle bundle) throws IOException {
        List<PatchTargetCheck.Problem> problems = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            if (entry.getRequest().getMethod() != Bundle.HTTPVerb.PATCH) {
                continue;
            }
            String location = "Bundle.entry[" + i + "].resource";
            if (entry.getResource() instanceof Parameters patch) {
                problems.addAll(check.inFhirPathPatch(patch, location));
            } else if (entry.getResource() instanceof Binary binary && binary.hasData()) {
                String contentType = ErrorOutcomes.mediaType(binary.getContentType());
                JsonNode patch = contentType.equals(Constants.CT_JSON_PATCH) ? readJson(binary.getData()) : null;
                if (patch != null) {
                    problems.addAll(check.inJsonPatch(patch, location));
                }
                if (contentType.equals(Constants.CT_XML_PATCH)) {
                    check.inXmlPatch(new InputStreamReader(new ByteArrayInputStream(binary.getData()),
                            StandardCharsets.UTF_8)).forEach(problem -> problems.add(new PatchTargetCheck.Problem(
                                    location, location + ", " + problem.message())));
                }
            }
        }
        return problems;
    }

    private JsonNode readJson(byte[] json) throws IOException {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException malformed) {
            return null;
        }
    }
}
