package org.ketaminefhir.guard;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the JSON shapes HAPI's parser quietly coerces: a single-valued element sent as an array (HAPI keeps one item
 * and drops the rest), a repeating element sent as a single value, and booleans or numbers sent as JSON strings. It
 * walks the JSON tree alongside HAPI's model of R4. Everything else (unknown elements, invalid values) is left to the
 * strict parser, which reports it in its own words.
 */
final class JsonShapeCheck {

    private static final Set<String> NUMBER_TYPES = Set.of("integer", "positiveInt", "unsignedInt", "decimal", "integer64");

    private final FhirContext fhirContext;

    JsonShapeCheck(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** One message per problem, each starting with the element's path, e.g. {@code Patient.gender: ...}. */
    List<String> problems(JsonNode resource) {
        List<String> problems = new ArrayList<>();
        checkResource(resource, null, problems);
        return problems;
    }

    private void checkResource(JsonNode node, String parentPath, List<String> problems) {
        if (!node.isObject() || !node.path("resourceType").isTextual()) {
            return;
        }
        BaseRuntimeElementCompositeDefinition<?> definition;
        try {
            definition = fhirContext.getResourceDefinition(node.get("resourceType").asText());
        } catch (DataFormatException unknownType) {
            return;
        }
        String path = parentPath == null ? definition.getName() : parentPath;
        checkObject(node, definition, path, problems);
    }

    private void checkObject(
            JsonNode node, BaseRuntimeElementCompositeDefinition<?> definition, String path, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            BaseRuntimeChildDefinition child = definition.getChildByName(name);
            if (child == null || name.equals("resourceType")) {
                continue;
            }
            BaseRuntimeElementDefinition<?> type = child.getChildByName(name);
            if (type == null) {
                continue;
            }
            checkCardinality(field.getValue(), child.getMax() != 1, path + "." + name, type, problems);
        }
    }

    private void checkCardinality(
            JsonNode value, boolean repeats, String path, BaseRuntimeElementDefinition<?> type, List<String> problems) {
        if (repeats && !value.isArray()) {
            problems.add(path + ": expected an array, found " + describe(value));
        } else if (!repeats && value.isArray()) {
            problems.add(path + ": expected a single value, found an array");
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                // null items are allowed: they pair a primitive array with its "_name" extension array
                if (!value.get(i).isNull()) {
                    checkValue(value.get(i), path + "[" + i + "]", type, problems);
                }
            }
        } else {
            checkValue(value, path, type, problems);
        }
    }

    private void checkValue(JsonNode value, String path, BaseRuntimeElementDefinition<?> type, List<String> problems) {
        switch (type.getChildType()) {
            case PRIMITIVE_DATATYPE, ID_DATATYPE -> checkPrimitive(value, path, type.getName(), problems);
            case COMPOSITE_DATATYPE, RESOURCE_BLOCK -> {
                if (value.isObject()) {
                    checkObject(value, (BaseRuntimeElementCompositeDefinition<?>) type, path, problems);
                }
            }
            case RESOURCE, CONTAINED_RESOURCES, CONTAINED_RESOURCE_LIST -> checkResource(value, path, problems);
            default -> {
                // narrative XHTML and undeclared extensions: the parser checks them
            }
        }
    }

    private static void checkPrimitive(JsonNode value, String path, String fhirType, List<String> problems) {
        if (fhirType.equals("boolean")) {
            if (!value.isBoolean()) {
                problems.add(path + ": expected a JSON boolean, found " + describe(value));
            }
        } else if (NUMBER_TYPES.contains(fhirType)) {
            if (!value.isNumber()) {
                problems.add(path + ": expected a JSON number, found " + describe(value));
            }
        } else if (!value.isTextual()) {
            problems.add(path + ": expected a JSON string, found " + describe(value));
        }
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase();
        };
    }
}
