package org.ketaminefhir.intake.rules;

/** Declared most severe first: findings are ordered by this. */
public enum FindingSeverity {
    CONTRAINDICATION("contraindication"),
    CAUTION("caution");

    private final String code;

    FindingSeverity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
