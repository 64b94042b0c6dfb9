/**
 * In-session vital-sign safety rules in plain Java: absolute limits and rises from the session's pre-dose baseline.
 * No Spring or HAPI types, so every threshold boundary is unit-tested on its own.
 */
package org.ketaminefhir.session.rules;
