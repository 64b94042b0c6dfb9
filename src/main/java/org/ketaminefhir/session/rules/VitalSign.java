package org.ketaminefhir.session.rules;

import java.util.List;
import java.util.Optional;

/** The vital signs watched during a session, with their LOINC codes and UCUM units [R4] [USC]. */
public enum VitalSign {
    HEART_RATE("Heart rate", "/min", List.of("8867-4")),
    /** The BP panel 85354-9 with systolic 8480-6 and diastolic 8462-4 components. */
    BLOOD_PRESSURE("Blood pressure", "mm[Hg]", List.of("85354-9")),
    /** 2708-6 is the core profile's code, 59408-5 the pulse-oximetry code US Core adds. */
    OXYGEN_SATURATION("Oxygen saturation", "%", List.of("2708-6", "59408-5")),
    RESPIRATORY_RATE("Respiratory rate", "/min", List.of("9279-1"));

    public static final String SYSTOLIC = "8480-6";
    public static final String DIASTOLIC = "8462-4";

    private final String label;
    private final String unit;
    private final List<String> loincCodes;

    VitalSign(String label, String unit, List<String> loincCodes) {
        this.label = label;
        this.unit = unit;
        this.loincCodes = loincCodes;
    }

    public String label() {
        return label;
    }

    /** The UCUM unit readings must be in to be compared with the thresholds. */
    public String unit() {
        return unit;
    }

    public List<String> loincCodes() {
        return loincCodes;
    }

    public static Optional<VitalSign> byLoinc(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (VitalSign sign : values()) {
            if (sign.loincCodes.contains(code)) {
                return Optional.of(sign);
            }
        }
        return Optional.empty();
    }
}
