package org.ketaminefhir.conformance;

import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Decides which of the guide's profiles govern a resource: the ones it claims in {@code meta.profile}, plus the one
 * its ketamine-specific content implies (an outcome-instrument code, the ketamine-session code, ketamine as the
 * medication, an answer to the intake questionnaire, our assessment and alert codes). Everything else is ordinary
 * FHIR data and is not validated against the guide on write.
 */
final class GovernedResources {

    static final String OWN_CONCEPTS = KetamineIg.canonical("CodeSystem", "ketamine-concepts");
    static final String ALERT_TYPES = KetamineIg.canonical("CodeSystem", "ketamine-safety-alert-type");
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private final Set<String> instrumentCodes;
    private final Set<String> ketamineMedicationCodes;

    GovernedResources(ValueSet instruments, ValueSet ketamineMedications) {
        this.instrumentCodes = codes(instruments);
        this.ketamineMedicationCodes = codes(ketamineMedications);
    }

    Set<String> profilesFor(Resource resource) {
        Set<String> profiles = new LinkedHashSet<>();
        for (CanonicalType claimed : resource.getMeta().getProfile()) {
            String url = claimed.getValue() == null ? "" : claimed.getValue().split("\\|")[0];
            if (url.startsWith(KetamineIg.CANONICAL_BASE + "/")) {
                profiles.add(url);
            }
        }
        String implied = impliedProfile(resource);
        if (implied != null) {
            profiles.add(KetamineIg.canonical("StructureDefinition", implied));
        }
        return profiles;
    }

    private String impliedProfile(Resource resource) {
        if (resource instanceof Observation observation && hasAny(observation.getCode(), instrumentCodes)) {
            return "ketamine-outcome-score";
        }
        if (resource instanceof Procedure procedure && has(procedure.getCode(), OWN_CONCEPTS, "ketamine-session")) {
            return "ketamine-session";
        }
        if (resource instanceof MedicationAdministration administration
                && administration.hasMedicationCodeableConcept()
                && hasAny(administration.getMedicationCodeableConcept(), ketamineMedicationCodes)) {
            return "ketamine-administration";
        }
        if (resource instanceof QuestionnaireResponse response
                && response.hasQuestionnaire()
                && response.getQuestionnaire().split("\\|")[0].equals(KetamineIg.canonical("Questionnaire", "ketamine-intake"))) {
            return "ketamine-intake-response";
        }
        if (resource instanceof RiskAssessment assessment && has(assessment.getCode(), OWN_CONCEPTS, "eligibility-assessment")) {
            return "ketamine-eligibility-assessment";
        }
        if (resource instanceof DetectedIssue issue
                && issue.getCode().getCoding().stream().anyMatch(c -> ALERT_TYPES.equals(c.getSystem()))) {
            return "ketamine-safety-alert";
        }
        return null;
    }

    private static boolean has(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    private static boolean hasAny(CodeableConcept concept, Set<String> systemAndCodes) {
        return concept.getCoding().stream().anyMatch(c -> systemAndCodes.contains(key(c)));
    }

    private static String key(Coding coding) {
        return coding.getSystem() + "|" + coding.getCode();
    }

    private static Set<String> codes(ValueSet valueSet) {
        Set<String> codes = new LinkedHashSet<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                codes.add(include.getSystem() + "|" + concept.getCode());
            }
        }
        return codes;
    }
}
