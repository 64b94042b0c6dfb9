package org.ketaminefhir.security.rules;

/** Whose data a scope reaches: one patient's compartment, what the user may see, or the whole system. */
public enum ScopeContext {
    PATIENT,
    USER,
    SYSTEM
}
