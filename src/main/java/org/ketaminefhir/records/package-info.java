/**
 * Reading the clinical records the features share: the code systems and guide URLs they use, questionnaire answers by
 * item, and Observation values, times and statuses, each written once.
 */
package org.ketaminefhir.records;
