/**
 * Resources the server derives from stored data (extracted scores, eligibility assessments, safety alerts): written
 * under the server's own identity, inside the transaction of the write that caused them, so they commit or roll back
 * with it.
 */
package org.ketaminefhir.derived;
