package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.diagnostics;
import static org.ketaminefhir.support.Fhir.encode;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.parse;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.ketaminefhir.support.FhirServerTest;

@FhirServerTest
class PatchIT {

    private static Response jsonPatch(String id, String patch) {
        return RestAssured.given()
                .contentType("application/json-patch+json")
                .accept("application/fhir+json")
                .body(patch)
                .patch("/Patient/" + id);
    }

    @Test
    void jsonPatchChangesOneElementAndMakesANewVersion() {
        String id = create(newPatient("Eze"));

        Response response = jsonPatch(id, "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"male\"}]");

        response.then().statusCode(200).header("Content-Location", endsWith("/Patient/" + id + "/_history/2"));
        Patient stored = parse(fhir().get("/Patient/" + id), Patient.class);
        assertThat(stored.getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(stored.getNameFirstRep().getFamily()).isEqualTo("Eze");
    }

    @Test
    void fhirPathPatchReplacesAnElement() {
        String id = create(newPatient("Farouk"));
        Parameters patch = new Parameters();
        Parameters.ParametersParameterComponent operation = patch.addParameter().setName("operation");
        operation.addPart().setName("type").setValue(new CodeType("replace"));
        operation.addPart().setName("path").setValue(new StringType("Patient.name.family"));
        operation.addPart().setName("value").setValue(new StringType("Farouk-Haddad"));

        Response response = fhir().body(encode(patch)).patch("/Patient/" + id);

        response.then().statusCode(200).header("Content-Location", endsWith("/Patient/" + id + "/_history/2"));
        assertThat(parse(fhir().get("/Patient/" + id), Patient.class).getNameFirstRep().getFamily())
                .isEqualTo("Farouk-Haddad");
    }

    @Test
    void patchThatBreaksTheResourceIsRefusedAndNothingChanges() {
        String id = create(newPatient("Gallo"));

        Response response = jsonPatch(id, "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"banana\"}]");

        response.then().statusCode(400);
        assertThat(diagnostics(response).get(0)).contains("banana");
        fhir().get("/Patient/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void patchWithAStaleIfMatchIsRefused() {
        String id = create(newPatient("Huang"));
        jsonPatch(id, "[{\"op\":\"add\",\"path\":\"/active\",\"value\":true}]").then().statusCode(200);

        Response stale = RestAssured.given()
                .contentType("application/json-patch+json")
                .header("If-Match", "W/\"1\"")
                .body("[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]")
                .patch("/Patient/" + id);

        stale.then().statusCode(409);
        assertThat(parse(fhir().get("/Patient/" + id), Patient.class).getActive()).isTrue();
    }
}
