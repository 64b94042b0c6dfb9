/**
 * Intake eligibility for ketamine therapy: contraindications and cautions found in the patient's conditions,
 * medications, pregnancy status, latest blood pressure and intake questionnaire. Plain Java (no Spring or HAPI types);
 * a FHIR adapter fills {@link org.ketaminefhir.intake.rules.PatientEvidence}. Codes and thresholds come only from
 * shared/clinical-content.md (§3.2, §3.4, §2.2, §4) and carry that file's source tags.
 */
package org.ketaminefhir.intake.rules;
