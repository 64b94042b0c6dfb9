package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Tokens;

/**
 * Posts hundreds of mutated resources and transaction bundles (wrong types, wrong cardinalities, huge strings, deep
 * nesting, bad references and dates, invalid UTF-8, truncated JSON) and checks every answer: success, or a 4xx with an
 * OperationOutcome and nothing stored. Never a 5xx, never a hang. The seed is fixed, so a failure can be replayed.
 */
@FhirServerTest
class FuzzIT {

    private static final long SEED = 20261121L;
    private static final int CASES_PER_BASE = 75;
    private static final String MARKER_SYSTEM = "urn:ketamine-fhir:fuzz";
    // The test itself must be able to write JSON nested deeper than a server should accept.
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                    .maxNestingDepth(10_000).build())
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(SEED);

    private record Case(String description, String path, byte[] body, List<String> markers) {}

    @Test
    void mutatedInputGetsSuccessOrA4xxOperationOutcomeAndNeverAPartialWrite() throws Exception {
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        int accepted = 0;
        for (String base : List.of("patient", "observation", "questionnaire-response", "transaction")) {
            for (int i = 0; i < CASES_PER_BASE; i++) {
                Case fuzz = mutate(base, i);
                HttpResponse<String> response;
                try {
                    response = post(fuzz);
                } catch (HttpTimeoutException e) {
                    failures.add(fuzz.description() + ": no answer within 30 s");
                    continue;
                }
                int status = response.statusCode();
                if (status >= 500) {
                    failures.add(fuzz.description() + ": HTTP " + status + " " + abbreviate(response.body()));
                } else if (status >= 400) {
                    rejected++;
                    if (!isOperationOutcome(response.body())) {
                        failures.add(fuzz.description() + ": HTTP " + status + " without an OperationOutcome: "
                                + abbreviate(response.body()));
                    }
                    for (String marker : fuzz.markers()) {
                        if (stored(marker)) {
                            failures.add(fuzz.description() + ": HTTP " + status + " but " + marker + " was stored");
                        }
                    }
                } else {
                    accepted++;
                }
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(rejected).as("most mutations are invalid").isGreaterThan(accepted);
    }

    private Case mutate(String base, int index) throws Exception {
        List<String> markers = new ArrayList<>();
        ObjectNode resource = (ObjectNode) JSON.readTree(template(base, markers));
        StringBuilder what = new StringBuilder(base + " #" + index + ":");
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            what.append(' ').append(mutateTree(resource));
        }
        byte[] body = JSON.writeValueAsBytes(resource);
        if (random.nextInt(4) == 0) {
            String textual = mutateText(body);
            what.append(' ').append(textual.substring(0, textual.indexOf('\u0000')));
            body = textual.substring(textual.indexOf('\u0000') + 1).getBytes(StandardCharsets.ISO_8859_1);
        }
        String path = base.equals("transaction") ? "" : "/" + resource.path("resourceType").asText("Patient");
        if (!path.isEmpty() && !path.matches("/[A-Z][A-Za-z]+")) {
            path = "/Patient";
        }
        return new Case(what.toString(), path, body, markers);
    }

    /** Applies one mutation to a random node of the tree; returns what it did. */
    private String mutateTree(ObjectNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers, 0);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            JsonNode value = object.get(name);
            switch (random.nextInt(10)) {
                case 0 -> object.set(name, otherType());
                case 1 -> object.set(name, value.isArray() && value.size() > 0 ? value.get(0) : NODES.arrayNode().add(value));
                case 2 -> object.remove(name);
                case 3 -> object.put("unknownElement" + random.nextInt(100), "surprise");
                case 4 -> object.put(name, "x".repeat(200_000 + random.nextInt(200_000)));
                case 5 -> object.set(name, deep(random.nextBoolean() ? 40 : 1200));
                case 6 -> object.put(name.equals("reference") ? name : "reference", badReference());
                case 7 -> object.put(name, badDate());
                case 8 -> object.set(name, extremeNumber());
                default -> root.set("resourceType", random.nextBoolean() ? NODES.textNode("Patien") : NODES.numberNode(7));
            }
            return "." + name + "#" + (object.get(name) == null ? "removed" : object.get(name).getNodeType());
        }
        if (container instanceof ArrayNode array) {
            if (array.size() > 0 && random.nextBoolean()) {
                array.remove(random.nextInt(array.size()));
                return "[-1]";
            }
            array.add(otherType());
            return "[+1]";
        }
        return "(none)";
    }

    /** A text-level mutation; returns "description\0body" with the body as ISO-8859-1 (one char per byte). */
    private String mutateText(byte[] json) {
        String body = new String(json, StandardCharsets.ISO_8859_1);
        int at = random.nextInt(Math.max(1, body.length()));
        return switch (random.nextInt(4)) {
            case 0 -> "truncated\u0000" + body.substring(0, at);
            case 1 -> {
                int quote = body.indexOf("\":\"", at);
                int position = quote < 0 ? body.length() / 2 : quote + 3;
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.writeBytes(body.substring(0, position).getBytes(StandardCharsets.ISO_8859_1));
                bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
                bytes.writeBytes(body.substring(position).getBytes(StandardCharsets.ISO_8859_1));
                yield "invalid-utf8\u0000" + bytes.toString(StandardCharsets.ISO_8859_1);
            }
            case 2 -> "duplicate-key\u0000" + body.replaceFirst("\\{", "{\"id\":\"a\",\"id\":\"b\",");
            default -> "garbage-prefix\u0000" + "\u00ff\u00fe<xml>" + body;
        };
    }

    /** The containers within the first levels (an earlier mutation may have nested thousands deep). */
    private void collect(JsonNode node, List<JsonNode> into, int depth) {
        if (node.isContainerNode() && depth < 12) {
            into.add(node);
            Iterator<JsonNode> children = node.elements();
            children.forEachRemaining(child -> collect(child, into, depth + 1));
        }
    }

    private JsonNode otherType() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.textNode("text");
            case 1 -> NODES.numberNode(12345);
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.nullNode();
            case 4 -> NODES.objectNode().put("x", 1);
            case 5 -> NODES.arrayNode().add(1).add("two");
            default -> NODES.arrayNode();
        };
    }

    private JsonNode deep(int depth) {
        ObjectNode top = NODES.objectNode();
        ObjectNode current = top;
        for (int i = 0; i < depth; i++) {
            ObjectNode next = NODES.objectNode();
            current.set("extension", NODES.arrayNode().add(next.put("url", "http://example.org/x" + i)));
            current = next;
        }
        return top;
    }

    private String badReference() {
        String[] references = {"Patient/does-not-exist-" + UUID.randomUUID(), "urn:uuid:" + UUID.randomUUID(),
            "://broken", "Patient/", "Observation/../../etc", "#missing", "http://elsewhere.example.org/fhir/Patient/1",
            "Patient?identifier=nobody|x", ""};
        return references[random.nextInt(references.length)];
    }

    private String badDate() {
        String[] dates = {"2026-13-45T99:99:99Z", "yesterday", "2026-02-30", "", "0000-00-00", "2026-03-02T10:00:00"};
        return dates[random.nextInt(dates.length)];
    }

    private JsonNode extremeNumber() {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 1 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999999999"));
            case 2 -> NODES.numberNode(-0.0);
            default -> NODES.numberNode(Double.MIN_VALUE);
        };
    }

    private static String template(String base, List<String> markers) {
        String patient = marker(markers);
        String observation = marker(markers);
        String identifier = "{\"system\":\"" + MARKER_SYSTEM + "\",\"value\":\"%s\"}";
        String patientJson = "{\"resourceType\":\"Patient\",\"identifier\":[" + identifier.formatted(patient) + "],"
                + "\"name\":[{\"family\":\"Fuzz\",\"given\":[\"Alex\"]}],\"gender\":\"female\",\"birthDate\":\"1980-04-02\"}";
        String observationJson = "{\"resourceType\":\"Observation\",\"identifier\":[" + identifier.formatted(observation)
                + "],\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},"
                + "\"subject\":{\"reference\":\"%s\"},\"effectiveDateTime\":\"2026-03-02T10:00:00Z\","
                + "\"valueQuantity\":{\"value\":72,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}";
        return switch (base) {
            case "patient" -> {
                markers.remove(observation);
                yield patientJson;
            }
            case "observation" -> {
                markers.remove(patient);
                yield observationJson.formatted("Patient/does-not-exist");
            }
            case "questionnaire-response" -> {
                markers.remove(patient);
                yield "{\"resourceType\":\"QuestionnaireResponse\",\"identifier\":" + identifier.formatted(observation)
                        + ",\"questionnaire\":\"https://ketamine-fhir.org/ig/Questionnaire/phq-9\",\"status\":"
                        + "\"completed\",\"authored\":\"2026-03-02T10:00:00Z\",\"item\":[{\"linkId\":\"44250-9\","
                        + "\"answer\":[{\"valueCoding\":{\"system\":\"http://loinc.org\",\"code\":\"LA6568-5\"}}]}]}";
            }
            default -> "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                    + "{\"fullUrl\":\"urn:uuid:11111111-2222-3333-4444-555555555555\",\"resource\":" + patientJson
                    + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                    + "{\"resource\":" + observationJson.formatted("urn:uuid:11111111-2222-3333-4444-555555555555")
                    + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        };
    }

    private static String marker(List<String> markers) {
        String marker = UUID.randomUUID().toString();
        markers.add(marker);
        return marker;
    }

    private HttpResponse<String> post(Case fuzz) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/fhir" + fuzz.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.of(RestAssured.port, Tokens.ADMIN))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(fuzz.body()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private boolean stored(String marker) throws Exception {
        for (String type : List.of("Patient", "Observation", "QuestionnaireResponse")) {
            String query = "identifier=" + URLEncoder.encode(MARKER_SYSTEM + "|" + marker, StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + RestAssured.port + "/fhir/" + type + "?" + query + "&_summary=count"))
                    .header("Authorization", "Bearer " + Tokens.of(RestAssured.port, Tokens.ADMIN))
                    .header("Accept", "application/fhir+json")
                    .build();
            JsonNode bundle = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (bundle.path("total").asInt(0) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOperationOutcome(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return "OperationOutcome".equals(node.path("resourceType").asText()) && node.path("issue").size() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

}
