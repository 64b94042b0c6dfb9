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
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One synthetic patient's ketamine course as the transaction bundles a clinic system would send: an intake bundle
 * (Patient, intake QuestionnaireResponse, baseline PHQ-9, weight), then one bundle per IV session (the Procedure and
 * heart rate, blood pressure and SpO2 every 10 minutes of a 40-minute infusion, the first reading tagged pre-dose, so the
 * server evaluates the session's safety alerts), then follow-up PHQ-9 scores. Later
 * bundles find the patient by identifier (conditional references), as an EHR sync does.
 */
final class SyntheticCourse extends BenchPatient {

    static final String IDENTIFIER_SYSTEM = "urn:ketamine-fhir:bench:mrn";
    private static final String LOINC = "http://loinc.org";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String PHQ9_TOTAL = "44261-6";
    static final String HEART_RATE = "8867-4";
    static final int SESSIONS = 6;
    private static final String[] FAMILIES = {
        "Abara", "Berg", "Castillo", "Dossou", "Eze", "Farouk", "Gallo", "Huang", "Ito", "Jovanovic", "Kowalski",
        "Larsen", "Mensah", "Nilsen", "Okafor", "Patel", "Quispe", "Rossi", "Sato", "Tanaka"
    };

    private final Random random;
    private final Instant start;

    SyntheticCourse(long seed) {
        this(new Random(seed));
    }

    private SyntheticCourse(Random random) {
        super("bench-" + UUID.randomUUID(), family(random));
        this.random = random;
        this.start = Instant.parse("2026-01-05T09:00:00Z").plus(random.nextInt(200), ChronoUnit.DAYS);
    }

    static String family(Random random) {
        return FAMILIES[random.nextInt(FAMILIES.length)];
    }

    @Override
    List<Bundle> bundles() {
        List<Bundle> bundles = new ArrayList<>();
        bundles.add(intake());
        for (int session = 0; session < SESSIONS; session++) {
            bundles.add(session(session));
        }
        bundles.add(followUp());
        return bundles;
    }

    private String patientReference() {
        return "Patient?identifier=" + IDENTIFIER_SYSTEM + "|" + mrn();
    }

    private Bundle intake() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue(mrn());
        patient.addName().setFamily(family()).addGiven(random.nextBoolean() ? "Sam" : "Alex");
        patient.setGender(random.nextBoolean() ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        patient.setBirthDateElement(new DateType(1950 + random.nextInt(50) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)));
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(patientUrn).setResource(patient).getRequest()
                .setMethod(HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=" + IDENTIFIER_SYSTEM + "|" + mrn());

        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire("http://ketamine-fhir.org/fhir/Questionnaire/ketamine-intake");
        response.setSubject(new Reference(patientUrn));
        response.setAuthoredElement(new DateTimeType(java.util.Date.from(start.minus(7, ChronoUnit.DAYS))));
        response.addItem().setLinkId("psychosis-history").addAnswer().setValue(new org.hl7.fhir.r4.model.BooleanType(false));
        response.addItem().setLinkId("prior-antidepressant-trials").addAnswer().setValue(new IntegerType(2 + random.nextInt(3)));
        add(bundle, response);

        Observation weight = vital("29463-7", "Body weight", 55 + random.nextInt(50), "kg", patientUrn, start.minus(7, ChronoUnit.DAYS));
        add(bundle, weight);
        add(bundle, phq9(patientUrn, 15 + random.nextInt(12), start.minus(7, ChronoUnit.DAYS)));
        return bundle;
    }

    private Bundle session(int number) {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Instant sessionStart = start.plus(number * 2L, ChronoUnit.DAYS);
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setSubject(new Reference(patientReference()));
        procedure.setCode(new CodeableConcept(new Coding(
                "https://ketamine-fhir.org/ig/CodeSystem/ketamine-concepts", "ketamine-session", "Ketamine treatment session")));
        procedure.addReasonCode(new CodeableConcept(new Coding(SNOMED, "1153570009", "Treatment resistant depression")));
        procedure.setPerformed(new Period()
                .setStart(java.util.Date.from(sessionStart))
                .setEnd(java.util.Date.from(sessionStart.plus(40, ChronoUnit.MINUTES))));
        String procedureUrn = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(procedureUrn).setResource(procedure).getRequest().setMethod(HTTPVerb.POST).setUrl("Procedure");
        for (int minute = 0; minute <= 40; minute += 10) {
            Instant at = sessionStart.plus(minute, ChronoUnit.MINUTES);
            int rise = minute == 40 ? 12 : minute / 4;
            Observation heartRate = vital(HEART_RATE, "Heart rate", 68 + rise + random.nextInt(40), "/min", patientReference(), at);
            heartRate.addPartOf(new Reference(procedureUrn));
            add(bundle, heartRate);
            Observation pressure = bloodPressure(122 + rise + random.nextInt(25), 78 + rise / 2 + random.nextInt(12), at);
            pressure.addPartOf(new Reference(procedureUrn));
            add(bundle, pressure);
            Observation saturation = vital("2708-6", "Oxygen saturation", 94 + random.nextInt(6), "%", patientReference(), at);
            saturation.addPartOf(new Reference(procedureUrn));
            add(bundle, saturation);
            for (Observation reading : List.of(heartRate, pressure, saturation)) {
                reading.addExtension("https://ketamine-fhir.org/ig/StructureDefinition/ketamine-session-phase", new Coding(
                        "https://ketamine-fhir.org/ig/CodeSystem/ketamine-session-phase", minute == 0 ? "pre-dose" : "dosing", null));
            }
        }
        return bundle;
    }

    private Bundle followUp() {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        for (int week = 2; week <= 8; week += 2) {
            add(bundle, phq9(patientReference(), Math.max(0, 18 - week - random.nextInt(8)), start.plus(week * 7L, ChronoUnit.DAYS)));
        }
        return bundle;
    }

    private Observation bloodPressure(int systolic, int diastolic, Instant at) {
        return bloodPressure(patientReference(), systolic, diastolic, at);
    }

    static Observation bloodPressure(String subject, int systolic, int diastolic, Instant at) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(CATEGORY, "vital-signs", "Vital Signs")));
        observation.setCode(new CodeableConcept(new Coding(LOINC, "85354-9", "Blood pressure panel")));
        observation.setSubject(new Reference(subject));
        observation.setEffective(new DateTimeType(java.util.Date.from(at)));
        observation.addComponent()
                .setCode(new CodeableConcept(new Coding(LOINC, "8480-6", "Systolic blood pressure")))
                .setValue(new Quantity().setValue(systolic).setUnit("mmHg").setSystem(UCUM).setCode("mm[Hg]"));
        observation.addComponent()
                .setCode(new CodeableConcept(new Coding(LOINC, "8462-4", "Diastolic blood pressure")))
                .setValue(new Quantity().setValue(diastolic).setUnit("mmHg").setSystem(UCUM).setCode("mm[Hg]"));
        return observation;
    }

    static Observation vital(String code, String display, int value, String unit, String subject, Instant at) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(CATEGORY, "vital-signs", "Vital Signs")));
        observation.setCode(new CodeableConcept(new Coding(LOINC, code, display)));
        observation.setSubject(new Reference(subject));
        observation.setEffective(new DateTimeType(java.util.Date.from(at)));
        observation.setValue(new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit));
        return observation;
    }

    private static Observation phq9(String subject, int score, Instant at) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(CATEGORY, "survey", "Survey")));
        observation.setCode(new CodeableConcept(new Coding(LOINC, PHQ9_TOTAL, "Patient Health Questionnaire 9 item (PHQ-9) total score")));
        observation.setSubject(new Reference(subject));
        observation.setEffective(new DateTimeType(java.util.Date.from(at)));
        observation.setValue(new Quantity().setValue(score).setUnit("{score}").setSystem(UCUM).setCode("{score}"));
        return observation;
    }

    static void add(Bundle bundle, Resource resource) {
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(resource)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl(resource.fhirType());
    }
}
