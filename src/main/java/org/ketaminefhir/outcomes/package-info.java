/**
 * Outcome scores over a course of ketamine therapy: questionnaire responses scored into Observations when stored,
 * {@code QuestionnaireResponse/$extract}, and {@code $ketamine-outcomes} (response and remission from baseline). The
 * rules live in {@code rules}; the classes here translate FHIR and plug into HAPI.
 */
package org.ketaminefhir.outcomes;
