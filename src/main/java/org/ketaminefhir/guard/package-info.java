/**
 * Keeps bad input out of storage: request bodies over the size limit are refused with 413, parsing is strict (unknown
 * elements and invalid primitive values are errors, not silently dropped), and every write must carry the elements
 * the base FHIR specification requires. Each refusal is a 4xx OperationOutcome and nothing is stored.
 */
package org.ketaminefhir.guard;
