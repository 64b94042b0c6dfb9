/**
 * The realistic sample bundles in {@code sample-bundles/}: loaded into an empty database at start-up so a newcomer's
 * server has a clinic, patients and sessions to look at, and postable by hand with curl.
 */
package org.ketaminefhir.samples;
