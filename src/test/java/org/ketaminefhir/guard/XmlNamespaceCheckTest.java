package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmlNamespaceCheckTest {

    private final XmlNamespaceCheck check = new XmlNamespaceCheck();

    private List<String> problems(String xml) {
        return check.problems(new StringReader(xml.replace('\'', '"')));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<Patient xmlns='http://hl7.org/fhir'><gender value='male'/></Patient>",
        "<?xml version='1.0' encoding='UTF-8'?><f:Patient xmlns:f='http://hl7.org/fhir'><f:gender value='male'/></f:Patient>",
        "<Patient xmlns='http://hl7.org/fhir'><text><status value='generated'/><div xmlns='http://www.w3.org/1999/xhtml'><p>x<b>y</b></p></div></text></Patient>",
        "<Bundle xmlns='http://hl7.org/fhir'><type value='transaction'/><entry><resource><Patient><active value='true'/></Patient></resource></entry></Bundle>",
        "<Patient xmlns='http://hl7.org/fhir'><gender value='male'>",
        "not xml at all"
    })
    void fhirXmlAndMalformedXmlHaveNoProblems(String xml) {
        assertThat(problems(xml)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "<Patient><gender value='male'/></Patient> | Patient: the element is in no namespace, not in http://hl7.org/fhir",
        "<Patient xmlns='urn:other'><gender value='male'/></Patient> | Patient: the element is in the namespace urn:other, not in http://hl7.org/fhir",
        "<f:Patient xmlns:f='http://hl7.org/fhir'><gender value='male'/></f:Patient> | Patient.gender: the element is in no namespace, not in http://hl7.org/fhir",
        "<Patient xmlns='http://hl7.org/fhir'><text><status value='generated'/><div><p>x</p></div></text></Patient> | Patient.text.div: the element is in the namespace http://hl7.org/fhir, not in http://www.w3.org/1999/xhtml"
    })
    void eachMisplacedElementIsNamedOnce(String xml, String problem) {
        assertThat(problems(xml)).containsExactly(problem);
    }

    @Test
    void aMisplacedElementInsideABundleEntryIsNamedWithItsPath() {
        assertThat(problems("<Bundle xmlns='http://hl7.org/fhir'><type value='transaction'/><entry><resource>"
                + "<Patient xmlns=''><active value='true'/></Patient></resource><request><method value='POST'/>"
                + "<url value='Patient'/></request></entry><entry><fullUrl value='x' xmlns='urn:a'/></entry></Bundle>"))
                .containsExactly(
                        "Bundle.entry.resource.Patient: the element is in no namespace, not in http://hl7.org/fhir",
                        "Bundle.entry.fullUrl: the element is in the namespace urn:a, not in http://hl7.org/fhir");
    }
}
