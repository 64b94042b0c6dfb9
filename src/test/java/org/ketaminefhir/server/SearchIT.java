package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.TEST_SYSTEM;
import static org.ketaminefhir.support.Fhir.create;
import static org.ketaminefhir.support.Fhir.fhir;
import static org.ketaminefhir.support.Fhir.newPatient;
import static org.ketaminefhir.support.Fhir.searchBundle;
import static org.ketaminefhir.support.Fhir.uniqueValue;

import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import io.restassured.RestAssured;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketaminefhir.support.FhirServerTest;
import org.ketaminefhir.support.Observations;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One patient's ketamine course, searched the ways an EHR or a clinician's app does. The family name and identifiers
 * are unique to this class, so other tests' data never shows up here.
 */
@FhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {

    private static final String LOINC = "http://loinc.org";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String HEART_RATE = Observations.HEART_RATE;
    private static final String PHQ9_TOTAL = Observations.PHQ9_TOTAL;
    private static final String IV_INFUSION = "14152002";

    @Autowired
    H2QueryHints queryHints;

    private final String family = "Searchwell" + uniqueValue().substring(0, 8);
    private final String questionnaireUrl = "http://example.org/Questionnaire/phq9-" + uniqueValue();
    private Instant createdAfter;
    private Patient patient;
    private String patientId;
    private String otherPatientId;
    private String questionnaireId;

    @BeforeAll
    void storeOneCourse() {
        createdAfter = Instant.now().minusSeconds(1);
        patient = newPatient(family);
        patient.setBirthDateElement(new DateType("1979-04-12"));
        patientId = create(patient);
        Patient other = newPatient(family);
        other.setGender(AdministrativeGender.MALE);
        other.setBirthDateElement(new DateType("1990-01-01"));
        otherPatientId = create(other);

        create(Observations.vitalHeartRate("Patient/" + patientId, 72, "2026-03-02T10:00:00Z"));
        create(Observations.vitalHeartRate("Patient/" + patientId, 112, "2026-03-02T10:20:00Z"));
        create(Observations.vitalHeartRate("Patient/" + otherPatientId, 105, "2026-03-02T10:20:00Z"));
        create(Observations.phq9Total("Patient/" + patientId, 19, "2026-03-01T09:00:00Z"));
        create(Observations.phq9Total("Patient/" + patientId, 8, "2026-04-12T09:00:00Z"));
        create(Observations.phq9Total("Patient/" + patientId, 12, "2026-03-20T09:00:00Z"));

        Procedure session = new Procedure();
        session.setStatus(Procedure.ProcedureStatus.COMPLETED);
        session.setSubject(new Reference("Patient/" + patientId));
        session.setCode(new CodeableConcept(new Coding(SNOMED, IV_INFUSION, "Intravenous infusion")));
        session.setPerformed(new Period()
                .setStartElement(new DateTimeType("2026-03-02T10:00:00Z"))
                .setEndElement(new DateTimeType("2026-03-02T10:40:00Z")));
        create(session);

        Questionnaire questionnaire = new Questionnaire();
        questionnaire.setUrl(questionnaireUrl);
        questionnaire.setStatus(PublicationStatus.ACTIVE);
        questionnaire.addCode(new Coding(LOINC, "44249-1", "PHQ-9 quick depression assessment panel"));
        // R4's Questionnaire "code" search parameter indexes the items' codes.
        questionnaire.addItem()
                .setLinkId("/44250-9")
                .setType(Questionnaire.QuestionnaireItemType.CHOICE)
                .addCode(new Coding(LOINC, "44250-9", "Little interest or pleasure in doing things"));
        questionnaireId = create(questionnaire);

        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire(questionnaireUrl);
        response.setSubject(new Reference("Patient/" + patientId));
        response.setAuthoredElement(new DateTimeType("2026-03-01T09:00:00Z"));
        create(response);
    }

    private static Bundle search(String query) {
        return searchBundle(fhir().get(query));
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .toList();
    }

    private static List<Integer> values(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(e -> ((Observation) e.getResource()).getValueQuantity().getValue().intValue())
                .toList();
    }

    @Test
    void patientByIdentifierNameFamilyBirthdateAndGender() {
        String identifier = patient.getIdentifierFirstRep().getValue();
        assertThat(ids(search("/Patient?identifier=" + TEST_SYSTEM + "|" + identifier)))
                .containsExactly("Patient/" + patientId);
        assertThat(ids(search("/Patient?family=" + family))).containsExactlyInAnyOrder("Patient/" + patientId, "Patient/" + otherPatientId);
        assertThat(ids(search("/Patient?name=" + family + "&gender=female"))).containsExactly("Patient/" + patientId);
        assertThat(ids(search("/Patient?family=" + family + "&birthdate=1979-04-12"))).containsExactly("Patient/" + patientId);
        assertThat(ids(search("/Patient?family=" + family + "&birthdate=gt1985-01-01"))).containsExactly("Patient/" + otherPatientId);
    }

    @Test
    void theTextModifierOnCodesIsRefusedWithAReason() {
        fhir().get("/Observation?patient=" + patientId + "&code:text=heart").then().statusCode(405)
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString(":text"));
    }

    @Test
    void phq9SeriesSortedByDate() {
        long rewrittenBefore = queryHints.rewrittenSortedSearches();

        Bundle series = search("/Observation?patient=" + patientId + "&code=" + LOINC + "|" + PHQ9_TOTAL + "&_sort=date");
        assertThat(values(series)).containsExactly(19, 12, 8);
        // On H2 the sort join is bound to the patient's links (H2SortedSearchJoin); the order above is unchanged.
        assertThat(queryHints.rewrittenSortedSearches()).isGreaterThan(rewrittenBefore);

        Bundle newestFirst = search("/Observation?subject=Patient/" + patientId + "&code=" + PHQ9_TOTAL + "&_sort=-date");
        assertThat(values(newestFirst)).containsExactly(8, 12, 19);
    }

    @Test
    void observationsByCategoryDateValueAndStatus() {
        assertThat(search("/Observation?patient=" + patientId + "&category=vital-signs").getEntry()).hasSize(2);
        assertThat(search("/Observation?patient=" + patientId + "&category=survey&date=ge2026-03-15").getEntry()).hasSize(2);
        assertThat(values(search("/Observation?patient=" + patientId + "&code=" + HEART_RATE + "&value-quantity=gt100")))
                .containsExactly(112);
        assertThat(search("/Observation?patient=" + patientId + "&status=final").getEntry()).hasSize(5);
        assertThat(search("/Observation?patient=" + patientId + "&status=preliminary").getEntry()).isEmpty();
    }

    @Test
    void procedureByPatientCodeAndDate() {
        assertThat(search("/Procedure?patient=" + patientId + "&code=" + SNOMED + "|" + IV_INFUSION + "&date=2026-03-02").getEntry())
                .hasSize(1);
        assertThat(search("/Procedure?patient=" + patientId + "&date=2026-05").getEntry()).isEmpty();
    }

    @Test
    void questionnaireAndResponses() {
        assertThat(ids(search("/Questionnaire?url=" + questionnaireUrl))).containsExactly("Questionnaire/" + questionnaireId);
        assertThat(ids(search("/Questionnaire?url=" + questionnaireUrl + "&code=" + LOINC + "|44250-9")))
                .containsExactly("Questionnaire/" + questionnaireId);
        assertThat(search("/QuestionnaireResponse?patient=" + patientId + "&questionnaire=" + questionnaireUrl
                                + "&authored=2026-03-01")
                        .getEntry())
                .hasSize(1);
    }

    @Test
    void includeAndRevinclude() {
        Bundle withPatient = search("/Observation?patient=" + patientId + "&code=" + HEART_RATE + "&_include=Observation:patient");
        assertThat(ids(withPatient)).contains("Patient/" + patientId).hasSize(3);
        assertThat(withPatient.getEntry())
                .filteredOn(e -> e.getResource() instanceof Patient)
                .extracting(e -> e.getSearch().getMode())
                .containsExactly(Bundle.SearchEntryMode.INCLUDE);

        Bundle withObservations = search("/Patient?_id=" + patientId + "&_revinclude=Observation:subject");
        assertThat(withObservations.getEntry()).hasSize(1 + 5);
    }

    @Test
    void chainedParameters() {
        assertThat(values(search("/Observation?code=" + HEART_RATE + "&subject:Patient.family=" + family
                                + "&subject:Patient.gender=male")))
                .containsExactly(105);
        assertThat(search("/Observation?patient.identifier=" + TEST_SYSTEM + "|"
                                + patient.getIdentifierFirstRep().getValue())
                        .getEntry())
                .hasSize(5);
    }

    @Test
    void countPagesWithWorkingNextLinksAndAccurateTotal() {
        Bundle page = search("/Observation?patient=" + patientId + "&_count=2&_total=accurate&_sort=date");
        assertThat(page.getTotal()).isEqualTo(5);
        List<String> seen = new ArrayList<>(ids(page));
        int pages = 1;
        while (page.getLink("next") != null) {
            page = searchBundle(RestAssured.given().accept("application/fhir+json").basePath("")
                    .get(page.getLink("next").getUrl()));
            seen.addAll(ids(page));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void onEmbeddedH2SearchesArePagedFromMemoryAndWriteNoSearchRows(
            @Autowired ISearchCacheSvc searchCache, @Autowired DataSource dataSource) throws Exception {
        assertThat(searchCache).isInstanceOf(InMemorySearchCache.class);
        long rowsBefore = searchRows(dataSource);

        Bundle page = search("/Observation?patient=" + patientId + "&_count=1&_sort=-date");
        List<String> seen = new ArrayList<>(ids(page));
        while (page.getLink("next") != null) {
            page = searchBundle(RestAssured.given().accept("application/fhir+json").basePath("")
                    .get(page.getLink("next").getUrl()));
            seen.addAll(ids(page));
        }

        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(searchRows(dataSource)).isEqualTo(rowsBefore);
    }

    private static long searchRows(DataSource dataSource) throws Exception {
        try (var connection = dataSource.getConnection();
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM HFJ_SEARCH")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void summaryAndElementsTrimTheResources() {
        Bundle count = search("/Observation?patient=" + patientId + "&_summary=count");
        assertThat(count.getTotal()).isEqualTo(5);
        assertThat(count.getEntry()).isEmpty();

        Bundle trimmed = search("/Observation?patient=" + patientId + "&code=" + PHQ9_TOTAL + "&_elements=code");
        Observation first = (Observation) trimmed.getEntryFirstRep().getResource();
        assertThat(first.hasCode()).isTrue();
        assertThat(first.hasValue()).isFalse();
        assertThat(first.getMeta().getTag()).extracting(Coding::getCode).contains("SUBSETTED");

        Bundle summary = search("/Patient?_id=" + patientId + "&_summary=true");
        assertThat(((Patient) summary.getEntryFirstRep().getResource()).hasName()).isTrue();
    }

    @Test
    void lastUpdatedFindsWhatChangedSinceAPointInTime() {
        assertThat(search("/Observation?patient=" + patientId + "&_lastUpdated=gt" + createdAfter).getEntry()).hasSize(5);
        assertThat(search("/Observation?patient=" + patientId + "&_lastUpdated=gt" + Instant.now().plusSeconds(60)).getEntry())
                .isEmpty();
    }
}
