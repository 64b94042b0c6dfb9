package org.ketaminefhir.intake.rules;

import java.util.List;
import java.util.Objects;

/**
 * One coded resource: a Condition, a medication (MedicationStatement/MedicationRequest, with ingredient and class
 * codes), or the pregnancy-status Observation's value codes.
 */
public record CodedEvidence(String reference, List<ClinicalCode> codes) {

    public CodedEvidence {
        Objects.requireNonNull(reference, "reference");
        codes = List.copyOf(codes);
    }

    public CodedEvidence(String reference, ClinicalCode... codes) {
        this(reference, List.of(codes));
    }
}
