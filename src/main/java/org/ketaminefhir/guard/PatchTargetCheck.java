package org.ketaminefhir.guard;

import ca.uhn.fhir.util.XmlUtil;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * Finds the operations of a patch that aim at an element a patch cannot change. HAPI applies such a patch, puts the
 * element back, and answers 200 with nothing changed, so the client never learns that its change was not made:
 * <ul>
 *   <li>{@code id}: the request URL names the resource; an update whose body names another id is refused, and so is
 *       a patch (FHIR R4 http.html#patch: the same rules as update);</li>
 *   <li>{@code meta.versionId} and {@code meta.lastUpdated}: the server assigns them at every change (Meta).</li>
 * </ul>
 * The three patch formats of FHIR R4 are read: JSON Patch (RFC 6902 pointers such as {@code /id}), XML Patch (RFC 5261
 * selectors such as {@code /f:Patient/f:id/@value}, read as plain paths: a selector with predicates or functions is
 * not interpreted) and FHIRPath Patch (a Parameters resource whose operations name {@code Patient.id}, or add
 * {@code id} to {@code Patient}).
 */
final class PatchTargetCheck {

    /** An operation a patch cannot carry out; {@code expression} is its FHIRPath, or null in a JSON Patch document. */
    record Problem(String expression, String message) {
    }

    private static final Map<String, String> SERVER_MANAGED = Map.of(
            "id", "a patch cannot change the resource's id: the request URL names the resource",
            "meta.versionId", "a patch cannot set meta.versionId: the server assigns it at every change",
            "meta.lastUpdated", "a patch cannot set meta.lastUpdated: the server assigns it at every change");

    /** The members of a JSON Patch operation that name a location it changes: a move empties its source too. */
    private static final Map<String, List<String>> CHANGED_BY = Map.of(
            "add", List.of("path"), "replace", List.of("path"), "remove", List.of("path"),
            "copy", List.of("path"), "move", List.of("path", "from"));

    /** A plain XPath location path: names, optionally prefixed, and a last {@code @value}. */
    private static final Pattern XML_PATH =
            Pattern.compile("^/?([A-Za-z_][\\w.-]*:)?[A-Z]\\w*(/([A-Za-z_][\\w.-]*:)?[A-Za-z]\\w*)*(/@value)?$");
    private static final Pattern NAMESPACE_PREFIX = Pattern.compile("[A-Za-z_][\\w.-]*:");

    /** The resource type a FHIRPath Patch path starts from, as in {@code Patient.meta}. */
    private static final Pattern ROOT_TYPE = Pattern.compile("^[A-Z][A-Za-z]*(\\.|$)");

    /** @param location the FHIRPath of the document inside a transaction, or null for a PATCH request's body */
    List<Problem> inJsonPatch(JsonNode patch, String location) {
        List<Problem> problems = new ArrayList<>();
        if (!patch.isArray()) {
            return problems;
        }
        for (int i = 0; i < patch.size(); i++) {
            JsonNode operation = patch.get(i);
            String op = operation.path("op").asText("");
            for (String member : CHANGED_BY.getOrDefault(op, List.of())) {
                String pointer = operation.path(member).asText("");
                String target = pointer.startsWith("/") ? pointer.substring(1).replace('/', '.') : null;
                if (target != null && SERVER_MANAGED.containsKey(target)) {
                    String where = "JSON Patch operation " + i + " (" + op + " " + pointer + ")";
                    problems.add(new Problem(location, (location == null ? "" : location + ", ") + where + ": "
                            + SERVER_MANAGED.get(target)));
                }
            }
        }
        return problems;
    }

    /**
     * The operations of an RFC 5261 XML Patch document ({@code <diff>} with {@code add}, {@code replace} and
     * {@code remove}); empty when it is not well-formed, which HAPI reports in its own words.
     */
    List<Problem> inXmlPatch(Reader xml) {
        List<Problem> problems = new ArrayList<>();
        try {
            XMLEventReader events = XmlUtil.createXmlReader(xml);
            int depth = 0;
            int index = -1;
            String operation = null;
            String selector = null;
            String parentOfAdded = null;
            while (events.hasNext()) {
                XMLEvent event = events.nextEvent();
                if (event.isEndElement()) {
                    depth--;
                }
                if (!event.isStartElement()) {
                    continue;
                }
                depth++;
                StartElement element = event.asStartElement();
                if (depth == 2) {
                    index++;
                    operation = element.getName().getLocalPart();
                    selector = attribute(element, "sel");
                    String type = attribute(element, "type");
                    String pos = attribute(element, "pos");
                    boolean addsElements = "add".equals(operation) && type == null;
                    // An added element goes into the selected one, or beside it when pos is before or after.
                    parentOfAdded = !addsElements ? null
                            : pos == null || "prepend".equals(pos) ? xmlTarget(selector) : xmlTarget(parentOf(selector));
                    boolean changesSelected = !"add".equals(operation) || type != null && type.startsWith("@");
                    addIfServerManaged(problems, changesSelected ? xmlTarget(selector) : null, index, operation,
                            selector);
                } else if (depth == 3 && parentOfAdded != null) {
                    String added = element.getName().getLocalPart();
                    addIfServerManaged(problems, parentOfAdded.isEmpty() ? added : parentOfAdded + "." + added,
                            index, operation, selector);
                }
            }
        } catch (XMLStreamException malformed) {
            return List.of();
        }
        return problems;
    }

    private static void addIfServerManaged(List<Problem> problems, String target, int index, String operation,
            String selector) {
        if (target != null && SERVER_MANAGED.containsKey(target)) {
            problems.add(new Problem(null, "XML Patch operation " + index + " (" + operation + " " + selector + "): "
                    + SERVER_MANAGED.get(target)));
        }
    }

    private static String attribute(StartElement element, String name) {
        Attribute attribute = element.getAttributeByName(new QName(name));
        return attribute == null ? null : attribute.getValue();
    }

    private static String parentOf(String selector) {
        return selector == null || selector.lastIndexOf('/') <= 0 ? selector
                : selector.substring(0, selector.lastIndexOf('/'));
    }

    /**
     * A plain XPath selector as a dotted path below the resource: {@code /f:Patient/f:meta/f:versionId/@value} is
     * {@code meta.versionId}, {@code /f:Patient} is empty; null for a selector that is not a plain path.
     */
    static String xmlTarget(String selector) {
        if (selector == null || !XML_PATH.matcher(selector).matches()) {
            return null;
        }
        String path = NAMESPACE_PREFIX.matcher(selector).replaceAll("").replaceFirst("^/", "")
                .replaceFirst("/@value$", "");
        return ROOT_TYPE.matcher(path.replace('/', '.')).replaceFirst("");
    }

    /** @param location the FHIRPath of the Parameters resource: {@code Parameters}, or its entry in a transaction */
    List<Problem> inFhirPathPatch(Parameters patch, String location) {
        List<Problem> problems = new ArrayList<>();
        List<ParametersParameterComponent> parameters = patch.getParameter();
        for (int i = 0; i < parameters.size(); i++) {
            ParametersParameterComponent operation = parameters.get(i);
            if (!"operation".equals(operation.getName())) {
                continue;
            }
            String type = part(operation, "type");
            String path = part(operation, "path");
            if (path == null) {
                continue;
            }
            String element = ROOT_TYPE.matcher(path.trim()).replaceFirst("");
            String name = part(operation, "name");
            String target = "add".equals(type) && name != null ? (element.isEmpty() ? name : element + "." + name)
                    : element;
            if (SERVER_MANAGED.containsKey(target)) {
                String expression = location + ".parameter[" + i + "]";
                problems.add(new Problem(expression, expression + ": " + type + " " + path
                        + (name == null ? "" : " " + name) + ": " + SERVER_MANAGED.get(target)));
            }
        }
        return problems;
    }

    private static String part(ParametersParameterComponent operation, String name) {
        for (ParametersParameterComponent part : operation.getPart()) {
            Type value = part.getValue();
            if (name.equals(part.getName()) && value != null && value.isPrimitive()) {
                return value.primitiveValue();
            }
        }
        return null;
    }
}
