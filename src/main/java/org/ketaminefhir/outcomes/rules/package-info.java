/**
 * The outcome rules in plain Java: instruments with their bands and remission thresholds, questionnaire scoring, and
 * response from baseline. No Spring or HAPI types, so every boundary is unit-tested on its own.
 */
package org.ketaminefhir.outcomes.rules;
