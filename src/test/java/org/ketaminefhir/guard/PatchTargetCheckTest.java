package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchTargetCheckTest {

    private final PatchTargetCheck check = new PatchTargetCheck();

    private List<PatchTargetCheck.Problem> jsonPatch(String operations) throws Exception {
        return check.inJsonPatch(new ObjectMapper().readTree(("[" + operations + "]").replace('\'', '"')), null);
    }

    private List<PatchTargetCheck.Problem> fhirPathPatch(String type, String path, String name) {
        Parameters patch = new Parameters();
        Parameters.ParametersParameterComponent operation = patch.addParameter().setName("operation");
        operation.addPart().setName("type").setValue(new CodeType(type));
        operation.addPart().setName("path").setValue(new StringType(path));
        if (name != null) {
            operation.addPart().setName("name").setValue(new StringType(name));
        }
        operation.addPart().setName("value").setValue(new StringType("x"));
        return check.inFhirPathPatch(patch, "Parameters");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{'op':'replace','path':'/gender','value':'male'}",
        "{'op':'add','path':'/meta/tag/-','value':{'code':'x'}}",
        "{'op':'remove','path':'/meta'}",
        "{'op':'test','path':'/id','value':'1'}",
        "{'op':'copy','from':'/id','path':'/identifier/0/value'}",
        "{'op':'replace','path':'/identifier/0/id','value':'a'}"
    })
    void jsonPatchOfOrdinaryElementsPasses(String operation) throws Exception {
        assertThat(jsonPatch(operation)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{'op':'replace','path':'/id','value':'other'} | JSON Patch operation 0 (replace /id): a patch cannot change the resource's id: the request URL names the resource",
        "{'op':'remove','path':'/id'} | JSON Patch operation 0 (remove /id): a patch cannot change the resource's id: the request URL names the resource",
        "{'op':'move','from':'/id','path':'/language'} | JSON Patch operation 0 (move /id): a patch cannot change the resource's id: the request URL names the resource",
        "{'op':'add','path':'/meta/versionId','value':'9'} | JSON Patch operation 0 (add /meta/versionId): a patch cannot set meta.versionId: the server assigns it at every change",
        "{'op':'replace','path':'/meta/lastUpdated','value':'2001-01-01T00:00:00Z'} | JSON Patch operation 0 (replace /meta/lastUpdated): a patch cannot set meta.lastUpdated: the server assigns it at every change"
    })
    void jsonPatchOfServerManagedElementsIsNamed(String operation, String message) throws Exception {
        assertThat(jsonPatch(operation)).containsExactly(new PatchTargetCheck.Problem(null, message));
    }

    @Test
    void everyOffendingJsonPatchOperationIsReportedWithItsIndexAndLocation() throws Exception {
        List<PatchTargetCheck.Problem> problems = check.inJsonPatch(new ObjectMapper().readTree(
                "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"male\"},{\"op\":\"remove\",\"path\":\"/id\"}]"),
                "Bundle.entry[3].resource");
        assertThat(problems).containsExactly(new PatchTargetCheck.Problem("Bundle.entry[3].resource",
                "Bundle.entry[3].resource, JSON Patch operation 1 (remove /id): a patch cannot change the resource's id:"
                        + " the request URL names the resource"));
    }

    @Test
    void aJsonPatchThatIsNoArrayIsLeftToHapi() throws Exception {
        assertThat(check.inJsonPatch(new ObjectMapper().readTree("{\"op\":\"remove\",\"path\":\"/id\"}"), null))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "replace | Patient.gender |",
        "add | Patient | birthDate",
        "add | Patient.meta | tag",
        "replace | Patient.identifier.id |",
        "delete | Patient.meta.tag |"
    })
    void fhirPathPatchOfOrdinaryElementsPasses(String type, String path, String name) {
        assertThat(fhirPathPatch(type, path, name)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "replace | Patient.id | | Parameters.parameter[0]: replace Patient.id: a patch cannot change the resource's id: the request URL names the resource",
        "delete | Observation.id | | Parameters.parameter[0]: delete Observation.id: a patch cannot change the resource's id: the request URL names the resource",
        "add | Patient | id | Parameters.parameter[0]: add Patient id: a patch cannot change the resource's id: the request URL names the resource",
        "replace | Patient.meta.versionId | | Parameters.parameter[0]: replace Patient.meta.versionId: a patch cannot set meta.versionId: the server assigns it at every change",
        "add | Patient.meta | lastUpdated | Parameters.parameter[0]: add Patient.meta lastUpdated: a patch cannot set meta.lastUpdated: the server assigns it at every change"
    })
    void fhirPathPatchOfServerManagedElementsIsNamed(String type, String path, String name, String message) {
        assertThat(fhirPathPatch(type, path, name))
                .containsExactly(new PatchTargetCheck.Problem("Parameters.parameter[0]", message));
    }

    @Test
    void parametersThatAreNotOperationsAreIgnored() {
        Parameters parameters = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class,
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"path\",\"valueString\":\"Patient.id\"}]}");
        assertThat(check.inFhirPathPatch(parameters, "Parameters")).isEmpty();
    }

    private List<PatchTargetCheck.Problem> xmlPatch(String operations) {
        return check.inXmlPatch(new StringReader("<diff xmlns:f='http://hl7.org/fhir'>" + operations.replace('\'', '"')
                + "</diff>"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<replace sel='/f:Patient/f:gender/@value'>male</replace>",
        "<add sel='/f:Patient'><birthDate xmlns='http://hl7.org/fhir' value='2000-01-01'/></add>",
        "<remove sel='/f:Patient/f:meta/f:tag'/>",
        "<replace sel='/f:Patient/f:identifier/f:id'>a</replace>",
        "<replace sel='/f:Patient/f:id[1]/@value'>x</replace>",
        "<add sel='/f:Patient/f:id' pos='before'><active xmlns='http://hl7.org/fhir' value='true'/></add>"
    })
    void xmlPatchOfOrdinaryElementsPasses(String operation) {
        assertThat(xmlPatch(operation)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<replace sel='/f:Patient/f:id/@value'>other</replace> | XML Patch operation 0 (replace /f:Patient/f:id/@value): a patch cannot change the resource's id: the request URL names the resource",
        "<remove sel='f:Patient/f:id'/> | XML Patch operation 0 (remove f:Patient/f:id): a patch cannot change the resource's id: the request URL names the resource",
        "<add sel='/f:Patient'><id xmlns='http://hl7.org/fhir' value='x'/></add> | XML Patch operation 0 (add /f:Patient): a patch cannot change the resource's id: the request URL names the resource",
        "<add sel='/f:Patient/f:meta/f:versionId' type='@value'>9</add> | XML Patch operation 0 (add /f:Patient/f:meta/f:versionId): a patch cannot set meta.versionId: the server assigns it at every change",
        "<add sel='/f:Patient/f:meta/f:tag' pos='after'><lastUpdated xmlns='http://hl7.org/fhir' value='2001-01-01T00:00:00Z'/></add> | XML Patch operation 0 (add /f:Patient/f:meta/f:tag): a patch cannot set meta.lastUpdated: the server assigns it at every change"
    })
    void xmlPatchOfServerManagedElementsIsNamed(String operation, String message) {
        assertThat(xmlPatch(operation)).containsExactly(new PatchTargetCheck.Problem(null, message));
    }

    @Test
    void everyOffendingXmlPatchOperationIsCountedFromZero() {
        assertThat(xmlPatch("<replace sel='/f:Patient/f:gender/@value'>male</replace><remove sel='/f:Patient/f:id'/>"))
                .extracting(PatchTargetCheck.Problem::message)
                .containsExactly("XML Patch operation 1 (remove /f:Patient/f:id): a patch cannot change the resource's"
                        + " id: the request URL names the resource");
    }

    @Test
    void xmlThatIsNotWellFormedIsLeftToHapi() {
        assertThat(check.inXmlPatch(new StringReader("<diff><remove sel='/Patient/id'>"))).isEmpty();
    }
}
