package org.ketaminefhir.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * An ordinary EHR record, nothing ketamine-specific, as a hospital system would push it: a registration bundle
 * (Patient by conditional create on the MRN, with its problem list), then one bundle of ten outpatient encounters,
 * each with three rounds of vital signs. The big bundle finds the patient by conditional reference, 161 resources.
 */
final class EhrRecord extends BenchPatient {

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private static final int ENCOUNTERS = 10;
    private static final int ROUNDS = 3;
    /** Registration (Patient, two Conditions) plus ten encounters, each with three rounds of five vital signs. */
    static final int RESOURCES_PER_RECORD = 3 + ENCOUNTERS * (1 + ROUNDS * 5);

    private final Random random;
    private final Instant start;

    EhrRecord(long seed) {
        this(new Random(seed));
    }

    private EhrRecord(Random random) {
        super("ehr-" + UUID.randomUUID(), SyntheticCourse.family(random));
        this.random = random;
        this.start = Instant.parse("2025-01-06T08:00:00Z").plus(random.nextInt(300), ChronoUnit.DAYS);
    }

    @Override
    List<Bundle> bundles() {
        return List.of(registration(), encounters());
    }

    private Bundle registration() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SyntheticCourse.IDENTIFIER_SYSTEM).setValue(mrn());
        patient.addName().setFamily(family()).addGiven(random.nextBoolean() ? "Robin" : "Kim");
        patient.setGender(random.nextBoolean() ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(patientUrn).setResource(patient).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + SyntheticCourse.IDENTIFIER_SYSTEM + "|" + mrn());
        // Problem list: hypertension, ischaemic heart disease (SNOMED CT, as in the clinical reference).
        for (String[] problem : new String[][] {{"38341003", "Hypertensive disorder"}, {"414545008", "Ischemic heart disease"}}) {
            Condition condition = new Condition();
            condition.setSubject(new Reference(patientUrn));
            condition.setCode(new CodeableConcept(new Coding(SNOMED, problem[0], problem[1])));
            condition.setClinicalStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
            SyntheticCourse.add(bundle, condition);
        }
        return bundle;
    }

    private Bundle encounters() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        String patient = "Patient?identifier=" + SyntheticCourse.IDENTIFIER_SYSTEM + "|" + mrn();
        for (int e = 0; e < ENCOUNTERS; e++) {
            Instant visit = start.plus(e * 14L, ChronoUnit.DAYS);
            Encounter encounter = new Encounter();
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding(ACT_CODE, "AMB", "ambulatory"));
            encounter.setSubject(new Reference(patient));
            encounter.setPeriod(new Period().setStart(java.util.Date.from(visit))
                    .setEnd(java.util.Date.from(visit.plus(40, ChronoUnit.MINUTES))));
            String encounterUrn = "urn:uuid:" + UUID.randomUUID();
            bundle.addEntry().setFullUrl(encounterUrn).setResource(encounter).getRequest()
                    .setMethod(HTTPVerb.POST).setUrl("Encounter");
            for (int round = 0; round < ROUNDS; round++) {
                Instant at = visit.plus(round * 15L, ChronoUnit.MINUTES);
                List<Observation> vitals = new ArrayList<>();
                vitals.add(SyntheticCourse.vital("8867-4", "Heart rate", 60 + random.nextInt(40), "/min", patient, at));
                vitals.add(SyntheticCourse.bloodPressure(patient, 110 + random.nextInt(40), 70 + random.nextInt(20), at));
                vitals.add(SyntheticCourse.vital("2708-6", "Oxygen saturation", 94 + random.nextInt(6), "%", patient, at));
                vitals.add(SyntheticCourse.vital("9279-1", "Respiratory rate", 12 + random.nextInt(8), "/min", patient, at));
                vitals.add(SyntheticCourse.vital("29463-7", "Body weight", 60 + random.nextInt(40), "kg", patient, at));
                for (Observation vital : vitals) {
                    vital.setEncounter(new Reference(encounterUrn));
                    SyntheticCourse.add(bundle, vital);
                }
            }
        }
        return bundle;
    }
}
