/**
 * SMART on FHIR scopes as plain Java: what a granted scope string allows, for which resource types and interactions,
 * and in which context (a patient's compartment, or the whole server). No Spring or HAPI types.
 */
package org.ketaminefhir.security.rules;
