package org.ketaminefhir.session.rules;

/** One alert a reading raises: what, how serious (DetectedIssue.severity high or moderate), and why in words. */
public record SafetyAlert(AlertType type, boolean high, String detail) {}
