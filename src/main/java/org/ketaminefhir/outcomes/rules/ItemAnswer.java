package org.ketaminefhir.outcomes.rules;

/**
 * One answer on a form, as the scoring rules see it: a number, an ordinal value carried on a coded answer, or a code.
 * Whichever the sender gave is enough.
 */
public record ItemAnswer(Integer integer, Double ordinal, String system, String code) {

    public static ItemAnswer ofInteger(int value) {
        return new ItemAnswer(value, null, null, null);
    }

    public static ItemAnswer ofCode(String system, String code) {
        return new ItemAnswer(null, null, system, code);
    }

    public static ItemAnswer ofCode(String system, String code, Double ordinal) {
        return new ItemAnswer(null, ordinal, system, code);
    }

    boolean hasCode(String system, String code) {
        return system.equals(this.system) && code.equals(this.code);
    }
}
