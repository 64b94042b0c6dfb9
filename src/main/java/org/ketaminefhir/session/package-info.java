/**
 * The monitored ketamine session: vital signs taken during a session are checked against the clinic's alert
 * thresholds as they are stored, and alerts become DetectedIssues in the same transaction. The rules live in
 * {@code rules}; the classes here translate FHIR and plug into HAPI.
 */
package org.ketaminefhir.session;
