package org.ketaminefhir.support;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Final Observations with a LOINC code and a UCUM quantity, for test data. */
public final class Observations {

    public static final String LOINC = "http://loinc.org";
    public static final String HEART_RATE = "8867-4";
    public static final String PHQ9_TOTAL = "44261-6";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    private Observations() {}

    /** A heart rate in /min, no category or time: the smallest Observation the base spec accepts. */
    public static Observation heartRate(String subjectReference, int beatsPerMinute) {
        return quantity(null, HEART_RATE, "Heart rate", beatsPerMinute, "/min", subjectReference, null);
    }

    public static Observation vitalHeartRate(String subjectReference, int beatsPerMinute, String when) {
        return quantity("vital-signs", HEART_RATE, "Heart rate", beatsPerMinute, "/min", subjectReference, when);
    }

    public static Observation phq9Total(String subjectReference, int score, String when) {
        return quantity("survey", PHQ9_TOTAL, "PHQ-9 total score", score, "{score}", subjectReference, when);
    }

    private static Observation quantity(
            String category, String loinc, String display, int value, String ucum, String subject, String when) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        if (category != null) {
            observation.addCategory(new CodeableConcept(new Coding(CATEGORY, category, null)));
        }
        observation.setCode(new CodeableConcept(new Coding(LOINC, loinc, display)));
        observation.setSubject(new Reference(subject));
        if (when != null) {
            observation.setEffective(new DateTimeType(when));
        }
        observation.setValue(new Quantity().setValue(value).setUnit(ucum).setSystem("http://unitsofmeasure.org").setCode(ucum));
        return observation;
    }
}
