package org.ketaminefhir.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.parse;
import static org.ketaminefhir.support.Fhir.searchBundle;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Poll;
import org.springframework.core.io.Resource;

/**
 * The test server starts on an empty database, so it loads the samples exactly as a newcomer's server does. Posting a
 * sample again answers 200 with every entry found, not created.
 */
@FhirServerTest
class SampleBundlesIT {

    private static final String MRN = "https://sample-clinic.ketamine-fhir.org/id/mrn";

    /** The server loads the samples in the background once it is ready; the last sample's last entry ends it. */
    @BeforeAll
    static void samplesLoaded() {
        Bundle last = Poll.until(
                () -> searchBundle(fhir().get("/Observation?identifier=https://ehr.sample-hospital.org/id/observation|OBS-123456")),
                found -> !found.getEntry().isEmpty(),
                Duration.ofMinutes(2));
        assertThat(last.getEntry()).as("samples loaded").hasSize(1);
    }

    static Stream<Resource> samples() {
        return Stream.of(SampleBundleLoader.sampleFiles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void repostingASampleChangesNothing(Resource sample) throws IOException {
        String body = sample.getContentAsString(StandardCharsets.UTF_8);

        Response response = fhir().body(body).post("/");

        response.then().statusCode(200);
        Bundle result = parse(response, Bundle.class);
        assertThat(result.getEntry()).isNotEmpty().allSatisfy(entry -> assertThat(entry.getResponse().getStatus())
                .isEqualTo("200 OK"));
    }

    @Test
    void theSamplePatientsAndTheirCoursesAreThere() {
        for (String mrn : new String[] {"MRN-1001", "MRN-1002", "MRN-1003", "MRN-1004", "MRN-1005"}) {
            assertThat(searchBundle(fhir().get("/Patient?identifier=" + MRN + "|" + mrn)).getEntry())
                    .as(mrn)
                    .hasSize(1);
        }
        Patient rivera = (Patient) searchBundle(fhir().get("/Patient?identifier=" + MRN + "|MRN-1001"))
                .getEntryFirstRep()
                .getResource();
        String id = rivera.getIdElement().getIdPart();
        assertThat(searchBundle(fhir().get("/Procedure?patient=" + id)).getEntry()).hasSize(6);
        assertThat(searchBundle(fhir().get("/MedicationAdministration?patient=" + id)).getEntry()).hasSize(6);
        Bundle surge = searchBundle(fhir().get("/Observation?patient=" + id
                + "&code=http://loinc.org|85354-9&component-value-quantity=gt160&_count=50"));
        assertThat(surge.getEntry()).hasSize(2);
        assertThat(searchBundle(fhir().get("/QuestionnaireResponse?patient=" + id
                                + "&questionnaire=https://ketamine-fhir.org/ig/Questionnaire/phq-9"))
                        .getEntry())
                .hasSize(5);
    }

    /** The clinical-logic issue's "done means", through the API alone. */
    @Test
    void theSamplesGiveFlagsAlertsScoresAndOutcomes() {
        String chen = patientId("MRN-1002");
        Parameters eligibility = parse(fhir().get("/Patient/" + chen + "/$ketamine-eligibility"), Parameters.class);
        assertThat(((Coding) eligibility.getParameter("outcome").getValue()).getCode()).isEqualTo("not-eligible");
        assertThat(eligibility.getParameters("finding")).extracting(f -> f.getPart().get(0).getValue().primitiveValue())
                .contains("pregnancy", "psychosis");
        assertThat(searchBundle(fhir().get("/Flag?patient=" + chen)).getEntry()).hasSizeGreaterThanOrEqualTo(2);

        String rivera = patientId("MRN-1001");
        Bundle alerts = searchBundle(fhir().get("/DetectedIssue?patient=" + rivera));
        assertThat(alerts.getEntry()).extracting(e -> ((DetectedIssue) e.getResource()).getCode().getCodingFirstRep().getCode())
                .contains("bp-rise-from-baseline");
        assertThat(searchBundle(fhir().get("/Observation?patient=" + rivera + "&code=http://loinc.org|44261-6")).getEntry())
                .hasSize(5);

        assertThat(response(rivera)).isEqualTo("true");
        assertThat(response(patientId("MRN-1005"))).isEqualTo("false");
    }

    private static String response(String patient) {
        Parameters outcomes = parse(fhir().get("/Patient/" + patient
                + "/$ketamine-outcomes?instrument=http://loinc.org|44261-6"), Parameters.class);
        return outcomes.getParameter("instrumentResult").getPart().stream()
                .filter(p -> p.getName().equals("response")).findFirst().orElseThrow().getValue().primitiveValue();
    }

    private static String patientId(String mrn) {
        return searchBundle(fhir().get("/Patient?identifier=" + MRN + "|" + mrn)).getEntryFirstRep().getResource()
                .getIdElement().getIdPart();
    }
}
