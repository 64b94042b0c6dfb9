package org.ketaminefhir.guard;

import ca.uhn.fhir.util.XmlUtil;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * Checks that FHIR XML is in the FHIR namespace, which HAPI's parser does not: it reads {@code <Patient>} with no
 * namespace, or in any other, as a FHIR Patient. The FHIR XML format (R4 xml.html) puts every element in
 * {@code http://hl7.org/fhir}, except a narrative's {@code div}, which is XHTML. An element in the wrong namespace is
 * reported once, with nothing below it; the content of a narrative is left to the parser.
 */
final class XmlNamespaceCheck {

    static final String FHIR = "http://hl7.org/fhir";
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final int MAX_PROBLEMS = 20;

    /**
     * One message per misplaced element, each starting with its path, e.g. {@code Patient.gender: ...}. Empty when the
     * document is not well-formed: the parser reports that in its own words.
     */
    List<String> problems(Reader xml) {
        List<String> problems = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        int skippedDepth = 0;
        try {
            XMLEventReader events = XmlUtil.createXmlReader(xml);
            while (events.hasNext() && problems.size() < MAX_PROBLEMS) {
                XMLEvent event = events.nextEvent();
                if (event.isStartElement()) {
                    if (skippedDepth > 0) {
                        skippedDepth++;
                        continue;
                    }
                    StartElement element = event.asStartElement();
                    String name = element.getName().getLocalPart();
                    String expected = "div".equals(name) && "text".equals(path.peekLast()) ? XHTML : FHIR;
                    path.addLast(name);
                    String namespace = element.getName().getNamespaceURI();
                    if (!expected.equals(namespace)) {
                        problems.add(String.join(".", path) + ": the element is in "
                                + (namespace.isEmpty() ? "no namespace" : "the namespace " + namespace)
                                + ", not in " + expected);
                    }
                    if (!expected.equals(namespace) || expected.equals(XHTML)) {
                        skippedDepth = 1;
                    }
                } else if (event.isEndElement()) {
                    if (skippedDepth > 1) {
                        skippedDepth--;
                        continue;
                    }
                    skippedDepth = 0;
                    path.pollLast();
                }
            }
        } catch (XMLStreamException | RuntimeException malformed) {
            return List.of();
        }
        return problems;
    }
}
