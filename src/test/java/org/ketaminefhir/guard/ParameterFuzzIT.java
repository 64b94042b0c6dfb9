package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

/**
 * Calls every read-only operation the CapabilityStatement offers, at each level its OperationDefinition allows, with
 * each of its parameters set to values a client might send by mistake, in the URL (not a number, negative, out of
 * range, empty) and in a Parameters body (a value of the wrong kind, a resource of the wrong type, no value),
 * and searches every search parameter of three clinical types with such values and modifiers. Every answer must be
 * a success or a 4xx OperationOutcome, never a 5xx. Operations that change state are left out
 * (a GET with junk must not merge or expunge anything in the shared test database), and so is $export, whose kick-off
 * starts a job; BulkExportIT covers its parameters.
 */
@FhirServerTest
class ParameterFuzzIT {

    private static final List<String> TYPES =
            List.of("Patient", "Observation", "Encounter", "ValueSet", "CodeSystem", "Composition");
    private static final List<String> JUNK = List.of("abc", "-1", "99999999999", "");
    private static final Set<String> ALWAYS_TRIED = Set.of("_count", "_offset");
    /** What follows the name of a parameter in a Parameters body: values of the wrong kind, or none. */
    private static final List<String> BODY_JUNK = List.of(",\"valueString\":\"abc\"", ",\"valueInteger\":-1",
            ",\"valueReference\":{\"reference\":\"Foo/bar\"}",
            ",\"resource\":{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"}}", "");
    private static final Set<String> NOT_FUZZED = Set.of("export");
    /** The types with quantity and composite parameters, whose values HAPI only parses once the query runs. */
    private static final List<String> SEARCHED = List.of("Observation", "Condition", "Encounter");
    /** Already URL-encoded: a search parameter name is followed by one of these. */
    private static final List<String> SEARCH_JUNK = List.of("=abc", "=2020-99", "=ge2020-01-01T25%3A00",
            "=x%7Cy%7Cz", "=%25", "=", ":missing=maybe", ":not=x");

    private final Map<String, OperationDefinition> definitions = new LinkedHashMap<>();

    @Test
    void junkParameterValuesNeverCauseAServerError() {
        CapabilityStatement capabilities = parse(fhir().get("/metadata"), CapabilityStatement.class);
        String patientId = create(newPatient("OperationFuzz"));
        Map<String, OperationDefinition> paths = new LinkedHashMap<>();
        for (CapabilityStatementRestResourceOperationComponent operation :
                capabilities.getRestFirstRep().getOperation()) {
            definition(operation).filter(OperationDefinition::getSystem)
                    .ifPresent(definition -> paths.put("/$" + operation.getName(), definition));
        }
        capabilities.getRestFirstRep().getResource().stream().filter(r -> TYPES.contains(r.getType())).forEach(r -> {
            String instance = r.getType().equals("Patient") ? patientId : "1";
            for (CapabilityStatementRestResourceOperationComponent operation : r.getOperation()) {
                definition(operation).ifPresent(definition -> {
                    if (definition.getType()) {
                        paths.put("/" + r.getType() + "/$" + operation.getName(), definition);
                    }
                    if (definition.getInstance()) {
                        paths.put("/" + r.getType() + "/" + instance + "/$" + operation.getName(), definition);
                    }
                });
            }
        });
        assertThat(paths).containsKeys("/Patient/" + patientId + "/$everything", "/ValueSet/$expand", "/$diff");

        List<String> failures = new ArrayList<>();
        paths.forEach((path, definition) -> {
            for (String parameter : parameterNames(definition)) {
                for (String value : JUNK) {
                    Response response = fhir().queryParam(parameter, value).get(path);
                    if (!isSuccessOrClientError(response)) {
                        failures.add(response.statusCode() + " GET " + path + "?" + parameter + "=" + value + " "
                                + response.asString().substring(0, Math.min(200, response.asString().length())));
                    }
                }
                for (String value : BODY_JUNK) {
                    String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"" + parameter + "\""
                            + value + "}]}";
                    Response response = fhir().body(body).post(path);
                    if (!isSuccessOrClientError(response)) {
                        failures.add(response.statusCode() + " POST " + path + " " + body);
                    }
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void junkSearchValuesNeverCauseAServerError() {
        CapabilityStatement capabilities = parse(fhir().get("/metadata"), CapabilityStatement.class);
        List<String> failures = new ArrayList<>();
        capabilities.getRestFirstRep().getResource().stream().filter(r -> SEARCHED.contains(r.getType())).forEach(r -> {
            for (var searchParameter : r.getSearchParam()) {
                for (String suffix : SEARCH_JUNK) {
                    String query = "/" + r.getType() + "?" + searchParameter.getName() + suffix + "&_count=5";
                    Response response = fhir().urlEncodingEnabled(false).get(query);
                    if (!isSuccessOrClientError(response)) {
                        failures.add(response.statusCode() + " GET " + query);
                    }
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    private java.util.Optional<OperationDefinition> definition(CapabilityStatementRestResourceOperationComponent op) {
        if (NOT_FUZZED.contains(op.getName())) {
            return java.util.Optional.empty();
        }
        String url = op.getDefinition();
        int local = url.indexOf("/fhir/OperationDefinition/");
        OperationDefinition definition = definitions.computeIfAbsent(url, key -> {
            Response read = local < 0 ? null : fhir().get(key.substring(local + "/fhir".length()));
            return read != null && read.statusCode() == 200
                    ? parse(read, OperationDefinition.class)
                    : standardDefinition(op.getName());
        });
        return definition.getAffectsState() ? java.util.Optional.empty() : java.util.Optional.of(definition);
    }

    /** A few operations name a definition this server does not serve (a canonical one): try them at every level. */
    private static OperationDefinition standardDefinition(String name) {
        OperationDefinition definition = new OperationDefinition().setSystem(false).setType(true).setInstance(true);
        definition.setName(name);
        return definition;
    }

    private static Set<String> parameterNames(OperationDefinition definition) {
        Set<String> names = new LinkedHashSet<>(ALWAYS_TRIED);
        definition.getParameter().stream().filter(p -> p.getUse() == OperationParameterUse.IN)
                .forEach(p -> names.add(p.getName()));
        return names;
    }

    private static boolean isSuccessOrClientError(Response response) {
        int status = response.statusCode();
        if (status < 400) {
            return true;
        }
        if (status >= 500) {
            return false;
        }
        try {
            return !parse(response, OperationOutcome.class).getIssue().isEmpty();
        } catch (RuntimeException notAnOutcome) {
            return false;
        }
    }
}
