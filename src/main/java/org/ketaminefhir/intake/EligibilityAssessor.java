package org.ketaminefhir.intake;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.ketaminefhir.derived.Derivation;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.records.Codes;
import org.ketaminefhir.intake.rules.EligibilityResult;
import org.ketaminefhir.intake.rules.EligibilityRules;
import org.ketaminefhir.intake.rules.Finding;
import org.ketaminefhir.intake.rules.FindingSeverity;

/**
 * Assesses a patient and stores the result: one RiskAssessment per patient (rewritten only when the outcome, findings
 * or evidence change) and one Flag per contraindication rule that fires, set inactive once it no longer does.
 * Runs inside the caller's transaction.
 */
class EligibilityAssessor {


    static final String RULE = "Ketamine eligibility rules (intake/rules/EligibilityRules)";

    private final DerivedResources resources;
    private final EvidenceGatherer gatherer;
    private final EligibilityRules rules;

    EligibilityAssessor(DerivedResources resources, EligibilityRules rules) {
        this.resources = resources;
        this.gatherer = new EvidenceGatherer(resources);
        this.rules = rules;
    }

    /** The assessment and the id of the RiskAssessment that holds it. */
    record Assessment(EligibilityResult result, String riskAssessmentId) {}

    /** Whether the patient has been assessed before (and so is a ketamine patient whose flags must stay current). */
    boolean hasAssessment(String patientId) {
        return resources.readOrNull("RiskAssessment/" + assessmentId(patientId)) != null;
    }

    private static String assessmentId(String patientId) {
        return "eligibility-" + DerivedResources.key(patientId);
    }

    Assessment assess(String patientId) {
        resources.lock("Patient/" + patientId);
        EligibilityResult result = rules.evaluate(gatherer.gather(patientId));
        String key = DerivedResources.key(patientId);
        RiskAssessment assessment = riskAssessment(assessmentId(patientId), patientId, result);
        RiskAssessment stored = (RiskAssessment) resources.readOrNull("RiskAssessment/" + assessment.getIdPart());
        if (stored == null || !sameContent(stored, assessment)) {
            resources.storeOver(assessment, stored, derivation(patientId, result.findings()));
        }
        updateFlags(patientId, key, result);
        return new Assessment(result, assessment.getIdPart());
    }

    private static RiskAssessment riskAssessment(String id, String patientId, EligibilityResult result) {
        RiskAssessment assessment = new RiskAssessment();
        assessment.setId(id);
        assessment.getMeta().addProfile(Codes.ELIGIBILITY_PROFILE);
        assessment.setStatus(RiskAssessment.RiskAssessmentStatus.FINAL);
        assessment.setCode(new CodeableConcept(new Coding(Codes.CONCEPTS, "eligibility-assessment",
                "Ketamine therapy eligibility assessment")));
        assessment.setSubject(new Reference("Patient/" + patientId));
        assessment.getOccurrenceDateTimeType().setValue(new Date());
        assessment.addPrediction().setOutcome(new CodeableConcept(new Coding(
                Codes.ELIGIBILITY_OUTCOMES, result.outcome().code(), result.outcome().display())).setText(result.outcome().display()));
        Set<String> basis = new LinkedHashSet<>();
        for (Finding finding : result.findings()) {
            if (finding.evidence() != null) {
                basis.add(finding.evidence());
            }
            assessment.addNote().setText(label(finding.severity()) + " (" + finding.ruleId() + "): " + finding.reason());
        }
        basis.forEach(reference -> assessment.addBasis(new Reference(reference)));
        return assessment;
    }

    private static boolean sameContent(RiskAssessment stored, RiskAssessment fresh) {
        RiskAssessment comparable = fresh.copy();
        comparable.setOccurrence(stored.getOccurrence());
        comparable.setMeta(stored.getMeta());
        comparable.setIdElement(stored.getIdElement());
        return comparable.equalsDeep(stored);
    }

    private void updateFlags(String patientId, String key, EligibilityResult result) {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        result.findings().stream()
                .filter(f -> f.severity() == FindingSeverity.CONTRAINDICATION)
                .forEach(f -> byRule.computeIfAbsent(f.ruleId(), r -> new ArrayList<>()).add(f));
        String prefix = "eligibility-" + key + "-";
        Map<String, Flag> stored = new LinkedHashMap<>();
        SearchParameterMap ofPatient = SearchParameterMap.newSynchronous("patient", new ReferenceParam("Patient/" + patientId));
        resources.search(Flag.class, ofPatient).stream()
                .filter(flag -> flag.getIdPart().startsWith(prefix))
                .forEach(flag -> stored.put(flag.getIdPart(), flag));
        byRule.forEach((rule, findings) -> {
            Flag flag = flag(prefix + rule, patientId, findings);
            Flag earlier = stored.remove(flag.getIdPart());
            if (earlier == null
                    || earlier.getStatus() != Flag.FlagStatus.ACTIVE
                    || !Objects.equals(earlier.getCode().getText(), flag.getCode().getText())) {
                resources.storeOver(flag, earlier, derivation(patientId, findings));
            }
        });
        for (Flag lifted : stored.values()) {
            if (lifted.getStatus() == Flag.FlagStatus.ACTIVE) {
                lifted.setStatus(Flag.FlagStatus.INACTIVE);
                lifted.getPeriod().setEnd(new Date());
                resources.storeOver(lifted, lifted, derivation(patientId, List.of()));
            }
        }
    }

    private static Flag flag(String id, String patientId, List<Finding> findings) {
        Flag flag = new Flag();
        flag.setId(id);
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding(Codes.FLAG_CATEGORY, "safety", "Safety")));
        StringBuilder text = new StringBuilder("Ketamine contraindication: ");
        text.append(findings.get(0).reason());
        for (int i = 1; i < findings.size(); i++) {
            text.append("; ").append(findings.get(i).reason());
        }
        flag.setCode(new CodeableConcept().setText(text.toString()));
        flag.setSubject(new Reference("Patient/" + patientId));
        flag.setPeriod(new Period().setStart(new Date()));
        return flag;
    }

    /** The rules, and the evidence behind the findings (the patient when there is none). */
    private static Derivation derivation(String patientId, List<Finding> findings) {
        List<String> sources = new ArrayList<>();
        sources.add("Patient/" + patientId);
        findings.forEach(f -> sources.add(f.evidence()));
        return new Derivation(RULE, sources);
    }

    private static String label(FindingSeverity severity) {
        return severity == FindingSeverity.CONTRAINDICATION ? "Contraindication" : "Caution";
    }
}
