package org.ketaminefhir.records;

import java.math.BigDecimal;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/** Reading Observations the same way everywhere: which count, when they were taken, and their values in a unit. */
public final class ObservationValues {

    private ObservationValues() {}

    /** Final, amended or corrected: the results a clinician would act on. */
    public static boolean counts(Observation observation) {
        return observation.getStatus() == Observation.ObservationStatus.FINAL
                || observation.getStatus() == Observation.ObservationStatus.AMENDED
                || observation.getStatus() == Observation.ObservationStatus.CORRECTED;
    }

    /** When it was taken: effectiveDateTime, the start of effectivePeriod, or effectiveInstant. */
    public static Optional<Date> effective(Observation observation) {
        Type effective = observation.getEffective();
        if (effective instanceof DateTimeType dateTime) {
            return Optional.ofNullable(dateTime.getValue());
        }
        if (effective instanceof Period period) {
            return Optional.ofNullable(period.getStart());
        }
        if (effective instanceof InstantType instant) {
            return Optional.ofNullable(instant.getValue());
        }
        return Optional.empty();
    }

    /** The same moment as a dateTime, keeping the sender's precision and time zone where it gave a dateTime. */
    public static Optional<DateTimeType> effectiveDateTime(Observation observation) {
        Type effective = observation.getEffective();
        if (effective instanceof DateTimeType dateTime && dateTime.hasValue()) {
            return Optional.of(dateTime.copy());
        }
        if (effective instanceof Period period && period.hasStart()) {
            return Optional.of(period.getStartElement().copy());
        }
        return effective(observation).map(DateTimeType::new);
    }

    /** Whether one of the codings is this LOINC code. */
    public static boolean hasLoinc(Observation observation, String code) {
        return observation.getCode().getCoding().stream().anyMatch(c -> isLoinc(c, code));
    }

    /** The value in the given UCUM unit; empty when absent or in another unit (which the rules cannot compare). */
    public static Optional<BigDecimal> value(Type value, String ucumUnit) {
        if (value instanceof Quantity quantity
                && quantity.hasValue()
                && Codes.UCUM.equals(quantity.getSystem())
                && ucumUnit.equals(quantity.getCode())) {
            return Optional.of(quantity.getValue());
        }
        return Optional.empty();
    }

    /** The value of the component with this LOINC code, in the given UCUM unit. */
    public static Optional<BigDecimal> component(Observation observation, String loinc, String ucumUnit) {
        for (Observation.ObservationComponentComponent component : observation.getComponent()) {
            if (component.getCode().getCoding().stream().anyMatch(c -> isLoinc(c, loinc))) {
                return value(component.getValue(), ucumUnit);
            }
        }
        return Optional.empty();
    }

    private static boolean isLoinc(Coding coding, String code) {
        return Codes.LOINC.equals(coding.getSystem()) && code.equals(coding.getCode());
    }
}
