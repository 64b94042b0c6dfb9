/**
 * The audit trail: an AuditEvent for every read, search, write and operation by a client, following the IHE Basic
 * Audit Log Patterns (HAPI's BALP interceptor), stored in the server's own database with the client's identity.
 */
package org.ketaminefhir.audit;
