package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionRequestCheckTest {

    private final TransactionRequestCheck check = new TransactionRequestCheck();

    private List<String> problems(String type, String entries) {
        String json = "{'resourceType':'Bundle','type':'" + type + "','entry':[" + entries + "]}";
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json.replace('\'', '"'));
        return check.problems(bundle);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{'resource':{'resourceType':'Patient'},'request':{'method':'POST','url':'Patient'}}",
        "{'resource':{'resourceType':'Patient','id':'a'},'request':{'method':'PUT','url':'Patient/a'}}",
        "{'resource':{'resourceType':'Patient'},'request':{'method':'PUT','url':'Patient?identifier=x'}}",
        "{'resource':{'resourceType':'Patient'},'request':{'method':'POST','url':'/Patient'}}",
        "{'resource':{'resourceType':'Patient'},'request':{'method':'POST','url':'http://example.org/fhir/Patient'}}",
        "{'resource':{'resourceType':'Parameters'},'request':{'method':'PATCH','url':'Patient/a'}}",
        "{'request':{'method':'DELETE','url':'Patient/a'}}",
        "{'request':{'method':'GET','url':'Patient?name=x'}}"
    })
    void wellFormedEntriesHaveNoProblems(String entry) {
        assertThat(problems("transaction", entry)).isEmpty();
        assertThat(problems("batch", entry)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{'resource':{'resourceType':'Patient'}} | Bundle.entry[0].request: a transaction or batch entry needs a request (bdl-3)",
        "{'resource':{'resourceType':'Patient'},'request':{'url':'Patient'}} | Bundle.entry[0].request.method: minimum required = 1, but only found 0",
        "{'request':{'method':'DELETE'}} | Bundle.entry[0].request.url: minimum required = 1, but only found 0",
        "{'request':{'method':'PUT','url':'Patient/a'}} | Bundle.entry[0].resource: a PUT entry needs a resource",
        "{'request':{'method':'PATCH','url':'Patient/a'}} | Bundle.entry[0].resource: a PATCH entry needs a resource",
        "{'resource':{'resourceType':'Patient'},'request':{'method':'POST','url':'Observation'}} | Bundle.entry[0].request.url: POST Observation names the type Observation, but the entry carries a Patient",
        "{'resource':{'resourceType':'Patient','id':'a'},'request':{'method':'PUT','url':'Group/a'}} | Bundle.entry[0].request.url: PUT Group/a names the type Group, but the entry carries a Patient"
    })
    void eachMalformedEntryIsNamed(String entry, String problem) {
        assertThat(problems("transaction", entry)).containsExactly(problem);
    }

    @Test
    void everyProblemOfEveryEntryIsReportedAtOnce() {
        assertThat(problems("transaction", "{'resource':{'resourceType':'Patient'},'request':{'method':'POST','url':"
                + "'Patient'}},{'request':{'method':'POST'}}"))
                .containsExactly(
                        "Bundle.entry[1].request.url: minimum required = 1, but only found 0",
                        "Bundle.entry[1].resource: a POST entry needs a resource");
    }

    @Test
    void bundlesThatAreNotRequestsAreNotChecked() {
        assertThat(problems("collection", "{'resource':{'resourceType':'Patient'}}")).isEmpty();
    }
}
