package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class RequiredElementsCheckTest {

    private final RequiredElementsCheck check = new RequiredElementsCheck(FhirContext.forR4Cached());

    private static Observation completeObservation() {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept().setText("Heart rate"));
        return observation;
    }

    @Test
    void aResourceWithEveryRequiredElementPasses() {
        assertThat(check.missingElements(completeObservation())).isEmpty();
        assertThat(check.missingElements(new Patient())).isEmpty();
    }

    @Test
    void missingTopLevelElementsAreListedInDefinitionOrder() {
        assertThat(check.missingElements(new Observation())).containsExactly("Observation.status", "Observation.code");
    }

    @Test
    void missingElementsInsideRepeatingBackboneElementsCarryTheirIndex() {
        Observation observation = completeObservation();
        observation.addComponent().setCode(new CodeableConcept().setText("systolic"));
        observation.addComponent().setValue(new StringType("no code"));

        assertThat(check.missingElements(observation)).containsExactly("Observation.component[1].code");
    }

    @Test
    void containedResourcesAreChecked() {
        Observation observation = completeObservation();
        Observation contained = new Observation();
        contained.setId("inner");
        contained.setCode(new CodeableConcept().setText("x"));
        observation.addContained(contained);

        assertThat(check.missingElements(observation)).containsExactly("Observation.contained[0].status");
    }

    @Test
    void anExtensionNeedsItsUrl() {
        Patient patient = new Patient();
        patient.addExtension(new Extension().setValue(new StringType("no url")));

        assertThat(check.missingElements(patient)).containsExactly("Patient.extension[0].url");
    }

    @Test
    void choiceElementsAreNamedWithTheirSuffix() {
        MedicationAdministration dose = new MedicationAdministration();
        dose.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        dose.setSubject(new Reference("Patient/1"));

        assertThat(check.missingElements(dose))
                .containsExactly("MedicationAdministration.medication[x]", "MedicationAdministration.effective[x]");
    }

    @Test
    void nestedBackboneElementsAreChecked() {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().getRequest().setUrl("Patient");

        assertThat(check.missingElements(bundle)).containsExactly("Bundle.entry[0].request.method");
    }
}
