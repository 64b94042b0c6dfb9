package org.ketaminefhir.intake.rules;

/** One coding (system URI and code) copied from a FHIR resource. Either part may be null; such a code matches nothing. */
public record ClinicalCode(String system, String code) {}
