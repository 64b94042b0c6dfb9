/**
 * Keeps bad input out of storage: request bodies over the size limit are refused with 413, parsing is strict (unknown
 * elements and invalid primitive values are errors, not silently dropped, and XML must be in the FHIR namespace),
 * every write must carry the elements the base FHIR specification requires, and each entry of a transaction or batch
 * must say what it does (method, url, and a resource of the type the url names), and a patch may not aim at
 * the elements the server keeps (the id, meta.versionId, meta.lastUpdated). Query parameters and headers that
 * HAPI would only fail on deep inside (paging numbers, If-Match versions, operation parameters it cannot convert) get
 * a 400 that names them, and operations that need an index this server does not run are withdrawn. Each refusal is a
 * 4xx OperationOutcome and nothing is stored.
 */
package org.ketaminefhir.guard;
