package org.ketaminefhir.session;

import java.math.BigDecimal;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.ketaminefhir.session.rules.VitalReading;
import org.ketaminefhir.session.rules.VitalSign;

/** Reads vital-sign Observations as the alert rules see them. */
final class SessionReadings {

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String PHASE_EXTENSION = "https://ketamine-fhir.org/ig/StructureDefinition/ketamine-session-phase";
    static final String PRE_DOSE = "pre-dose";

    private SessionReadings() {}

    static Optional<VitalSign> sign(Observation observation) {
        for (Coding coding : observation.getCode().getCoding()) {
            if (LOINC.equals(coding.getSystem())) {
                Optional<VitalSign> sign = VitalSign.byLoinc(coding.getCode());
                if (sign.isPresent()) {
                    return sign;
                }
            }
        }
        return Optional.empty();
    }

    /** The reading, when the Observation counts (not withdrawn) and carries its values in the expected UCUM unit. */
    static Optional<VitalReading> reading(Observation observation) {
        if (observation.getStatus() == Observation.ObservationStatus.ENTEREDINERROR
                || observation.getStatus() == Observation.ObservationStatus.CANCELLED) {
            return Optional.empty();
        }
        return sign(observation).flatMap(sign -> {
            if (sign == VitalSign.BLOOD_PRESSURE) {
                Optional<BigDecimal> systolic = component(observation, VitalSign.SYSTOLIC, sign.unit());
                Optional<BigDecimal> diastolic = component(observation, VitalSign.DIASTOLIC, sign.unit());
                return systolic.isPresent() && diastolic.isPresent()
                        ? Optional.of(VitalReading.bloodPressure(systolic.get().doubleValue(), diastolic.get().doubleValue()))
                        : Optional.empty();
            }
            return value(observation.getValue(), sign.unit()).map(v -> VitalReading.of(sign, v.doubleValue()));
        });
    }

    static boolean isPreDose(Observation observation) {
        var extension = observation.getExtensionByUrl(PHASE_EXTENSION);
        return extension != null
                && extension.getValue() instanceof Coding coding
                && PRE_DOSE.equals(coding.getCode());
    }

    private static Optional<BigDecimal> component(Observation observation, String code, String unit) {
        for (Observation.ObservationComponentComponent component : observation.getComponent()) {
            if (has(component.getCode(), code)) {
                return value(component.getValue(), unit);
            }
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> value(Type value, String unit) {
        if (value instanceof Quantity quantity
                && quantity.hasValue()
                && UCUM.equals(quantity.getSystem())
                && unit.equals(quantity.getCode())) {
            return Optional.of(quantity.getValue());
        }
        return Optional.empty();
    }

    private static boolean has(CodeableConcept concept, String code) {
        return concept.getCoding().stream().anyMatch(c -> LOINC.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
