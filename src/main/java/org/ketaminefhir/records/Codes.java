package org.ketaminefhir.records;

import org.ketaminefhir.conformance.KetamineIg;

/** The code systems, extensions and guide resources the clinical features use, named once. */
public final class Codes {

    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
    /** The SDC/core extension carrying an answer's points on a coded answer [USC] [SDC]. */
    public static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    public static final String CONCEPTS = KetamineIg.canonical("CodeSystem", "ketamine-concepts");
    public static final String ALERT_TYPES = KetamineIg.canonical("CodeSystem", "ketamine-safety-alert-type");
    public static final String SCORE_INTERPRETATION = KetamineIg.canonical("CodeSystem", "ketamine-score-interpretation");
    public static final String ELIGIBILITY_OUTCOMES = KetamineIg.canonical("CodeSystem", "ketamine-eligibility-outcome");
    public static final String SESSION_PHASE_EXTENSION = KetamineIg.canonical("StructureDefinition", "ketamine-session-phase");
    public static final String OUTCOME_SCORE_PROFILE = KetamineIg.canonical("StructureDefinition", "ketamine-outcome-score");
    public static final String SAFETY_ALERT_PROFILE = KetamineIg.canonical("StructureDefinition", "ketamine-safety-alert");
    public static final String ELIGIBILITY_PROFILE =
            KetamineIg.canonical("StructureDefinition", "ketamine-eligibility-assessment");
    public static final String INTAKE_QUESTIONNAIRE = KetamineIg.canonical("Questionnaire", "ketamine-intake");

    /** The ketamine session Procedure code (local: no verified standard code exists). */
    public static final String KETAMINE_SESSION = "ketamine-session";
    /** LOINC blood-pressure panel and components [R4]. */
    public static final String BLOOD_PRESSURE = "85354-9";
    public static final String SYSTOLIC = "8480-6";
    public static final String DIASTOLIC = "8462-4";

    private Codes() {}
}
