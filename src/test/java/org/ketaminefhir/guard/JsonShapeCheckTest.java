package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonShapeCheckTest {

    private final JsonShapeCheck check = new JsonShapeCheck(FhirContext.forR4Cached());

    private List<String> problems(String json) throws Exception {
        return check.problems(new ObjectMapper().readTree(json.replace('\'', '"')));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{'resourceType':'Patient','active':true,'gender':'male','name':[{'family':'x','given':['a','b']}]}",
        "{'resourceType':'Observation','status':'final','code':{'text':'x'},'valueQuantity':{'value':12.5,'unit':'kg'}}",
        "{'resourceType':'Patient','multipleBirthInteger':2,'birthDate':'1980-01-02'}",
        "{'resourceType':'Patient','name':[{'given':['a',null],'_given':[null,{'extension':[]}]}]}",
        "{'resourceType':'Bundle','type':'transaction','entry':[{'resource':{'resourceType':'Patient','active':false}}]}",
        "{'resourceType':'Patient','extension':[{'url':'http://x','valueBoolean':true}]}",
        "{'resourceType':'Patient','unknownElement':[1,2]}",
        "{'resourceType':'Banana','active':'yes'}"
    })
    void wellShapedJsonHasNoProblems(String json) throws Exception {
        assertThat(problems(json)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{'resourceType':'Patient','active':'true'} | Patient.active: expected a JSON boolean, found a string",
        "{'resourceType':'Patient','multipleBirthInteger':'2'} | Patient.multipleBirthInteger: expected a JSON number, found a string",
        "{'resourceType':'Patient','birthDate':19800101} | Patient.birthDate: expected a JSON string, found a number",
        "{'resourceType':'Patient','gender':['male','female']} | Patient.gender: expected a single value, found an array",
        "{'resourceType':'Patient','name':[{'family':['x']}]} | Patient.name[0].family: expected a single value, found an array",
        "{'resourceType':'Patient','name':{'family':'x'}} | Patient.name: expected an array, found an object",
        "{'resourceType':'Observation','valueQuantity':{'value':'12'}} | Observation.valueQuantity.value: expected a JSON number, found a string",
        "{'resourceType':'Patient','extension':[{'url':'http://x','valueBoolean':'true'}]} | Patient.extension[0].valueBoolean: expected a JSON boolean, found a string",
        "{'resourceType':'Bundle','entry':[{'resource':{'resourceType':'Patient','active':'no'}}]} | Bundle.entry[0].resource.active: expected a JSON boolean, found a string",
        "{'resourceType':'Observation','contained':[{'resourceType':'Patient','gender':['male']}]} | Observation.contained[0].gender: expected a single value, found an array"
    })
    void coercibleShapesAreReportedWithTheirPath(String json, String problem) throws Exception {
        assertThat(problems(json)).containsExactly(problem);
    }
}
