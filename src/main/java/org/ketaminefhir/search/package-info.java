/**
 * Which of FHIR's standard search parameters this server indexes. Index rows are most of what a write stores, so the
 * parameters that repeat other ones, or hold the same value on every resource, are switched off.
 */
package org.ketaminefhir.search;
