/**
 * Intake eligibility: {@code Patient/{id}/$ketamine-eligibility}, and the same assessment recomputed whenever an
 * intake questionnaire response is stored. The result is stored as a RiskAssessment (our profile) with a Flag per
 * active contraindication, so EHRs that sync with the server see it. The rules live in {@code rules}; the classes here
 * gather FHIR evidence and store the outcome.
 */
package org.ketaminefhir.intake;
