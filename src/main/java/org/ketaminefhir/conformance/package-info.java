/**
 * The ketamine-therapy implementation guide: the conformance resources in {@code profiles/} (profiles, extensions,
 * code systems, value sets, questionnaires, operation definitions, the ImplementationGuide), loaded at start-up with
 * generated snapshots, listed in the CapabilityStatement, and enforced on write for the resources they govern.
 */
package org.ketaminefhir.conformance;
