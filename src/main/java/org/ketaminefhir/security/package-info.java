/**
 * Security by default: every request under {@code /fhir} needs an OAuth2 bearer token except the CapabilityStatement
 * and the SMART configuration; SMART scopes become HAPI authorization rules; an embedded Spring Authorization Server
 * issues tokens to configured clients unless an external issuer is configured. Scope parsing is plain Java in
 * {@code rules}.
 */
package org.ketaminefhir.security;
