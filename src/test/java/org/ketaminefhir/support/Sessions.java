package org.ketaminefhir.support;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Ketamine sessions and the vital signs taken during them, for test data. */
public final class Sessions {

    public static final String CONCEPTS = "https://ketamine-fhir.org/ig/CodeSystem/ketamine-concepts";
    private static final String PHASE = "https://ketamine-fhir.org/ig/StructureDefinition/ketamine-session-phase";
    private static final String PHASES = "https://ketamine-fhir.org/ig/CodeSystem/ketamine-session-phase";
    private static final String UCUM = "http://unitsofmeasure.org";

    private Sessions() {}

    public static Procedure session(String patientId, String start, String end) {
        Procedure session = new Procedure();
        session.setStatus(Procedure.ProcedureStatus.COMPLETED);
        session.setCode(new CodeableConcept(new Coding(CONCEPTS, "ketamine-session", "Ketamine treatment session")));
        session.setSubject(new Reference("Patient/" + patientId));
        session.setPerformed(new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end)));
        session.addReasonCode(new CodeableConcept(
                new Coding("http://snomed.info/sct", "1153570009", "Treatment resistant depression")));
        return session;
    }

    /** A blood pressure in mm[Hg], part of the session, in the given phase (pre-dose, dosing, post-dose, discharge). */
    public static Observation bloodPressure(String patientId, String session, int systolic, int diastolic, String when,
            String phase) {
        Observation observation = vital(patientId, session, "85354-9", "Blood pressure panel", when, phase);
        observation.addComponent().setCode(loinc("8480-6", "Systolic blood pressure")).setValue(quantity(systolic, "mm[Hg]"));
        observation.addComponent().setCode(loinc("8462-4", "Diastolic blood pressure")).setValue(quantity(diastolic, "mm[Hg]"));
        return observation;
    }

    public static Observation reading(String patientId, String session, String loinc, String display, double value,
            String unit, String when, String phase) {
        Observation observation = vital(patientId, session, loinc, display, when, phase);
        observation.setValue(quantity(value, unit));
        return observation;
    }

    private static Observation vital(String patientId, String session, String code, String display, String when,
            String phase) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        observation.setCode(loinc(code, display));
        observation.setSubject(new Reference("Patient/" + patientId));
        if (session != null) {
            observation.addPartOf(new Reference(session));
        }
        observation.setEffective(new DateTimeType(when));
        observation.addExtension(PHASE, new Coding(PHASES, phase, null));
        return observation;
    }

    private static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept(new Coding("http://loinc.org", code, display));
    }

    private static Quantity quantity(double value, String unit) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit);
    }
}
