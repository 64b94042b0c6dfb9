package org.ketaminefhir.session.rules;

/**
 * One reading in the sign's unit. Blood pressure uses both values (systolic, diastolic); other signs only the first.
 */
public record VitalReading(VitalSign sign, double value, double diastolic) {

    public static VitalReading of(VitalSign sign, double value) {
        if (sign == VitalSign.BLOOD_PRESSURE) {
            throw new IllegalArgumentException("blood pressure needs systolic and diastolic");
        }
        return new VitalReading(sign, value, Double.NaN);
    }

    public static VitalReading bloodPressure(double systolic, double diastolic) {
        return new VitalReading(VitalSign.BLOOD_PRESSURE, systolic, diastolic);
    }

    public double systolic() {
        return value;
    }

    /** The reading as a clinician writes it: "170/106 mm[Hg]", "88 %". */
    public String display() {
        String number = sign == VitalSign.BLOOD_PRESSURE ? plain(value) + "/" + plain(diastolic) : plain(value);
        return number + " " + sign.unit();
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
