package org.ketaminefhir.session;

import java.math.BigDecimal;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.ketaminefhir.records.Codes;
import org.ketaminefhir.records.ObservationValues;
import org.ketaminefhir.session.rules.VitalReading;
import org.ketaminefhir.session.rules.VitalSign;

/** Reads vital-sign Observations as the alert rules see them. */
final class SessionReadings {

    static final String PRE_DOSE = "pre-dose";

    private SessionReadings() {}

    static Optional<VitalSign> sign(Observation observation) {
        for (Coding coding : observation.getCode().getCoding()) {
            if (Codes.LOINC.equals(coding.getSystem()) && coding.getCode() != null) {
                Optional<VitalSign> sign = VitalSign.byLoinc(coding.getCode());
                if (sign.isPresent()) {
                    return sign;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The reading, when the Observation counts and carries its values in the expected UCUM unit. A monitor's
     * preliminary reading counts too: an alert should not wait for someone to sign the value off.
     */
    static Optional<VitalReading> reading(Observation observation) {
        if (!ObservationValues.counts(observation) && observation.getStatus() != Observation.ObservationStatus.PRELIMINARY) {
            return Optional.empty();
        }
        return sign(observation).flatMap(sign -> {
            if (sign == VitalSign.BLOOD_PRESSURE) {
                Optional<BigDecimal> systolic = ObservationValues.component(observation, Codes.SYSTOLIC, sign.unit());
                Optional<BigDecimal> diastolic = ObservationValues.component(observation, Codes.DIASTOLIC, sign.unit());
                return systolic.isPresent() && diastolic.isPresent()
                        ? Optional.of(VitalReading.bloodPressure(systolic.get().doubleValue(), diastolic.get().doubleValue()))
                        : Optional.empty();
            }
            return ObservationValues.value(observation.getValue(), sign.unit()).map(v -> VitalReading.of(sign, v.doubleValue()));
        });
    }

    static boolean isPreDose(Observation observation) {
        var extension = observation.getExtensionByUrl(Codes.SESSION_PHASE_EXTENSION);
        return extension != null
                && extension.getValue() instanceof Coding coding
                && PRE_DOSE.equals(coding.getCode());
    }
}
