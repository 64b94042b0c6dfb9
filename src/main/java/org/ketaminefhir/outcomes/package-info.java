/**
 * Outcome scores over a course of ketamine therapy: the instruments, their severity bands, and response and remission
 * from baseline. The rules are plain Java (no Spring or HAPI types) with each threshold named once and its source
 * cited; the FHIR-facing parts (score extraction, {@code $ketamine-outcomes}) build on them.
 */
package org.ketaminefhir.outcomes;
