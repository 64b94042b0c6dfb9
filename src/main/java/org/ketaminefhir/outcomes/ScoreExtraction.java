package org.ketaminefhir.outcomes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.outcomes.rules.CssrsRisk;
import org.ketaminefhir.outcomes.rules.CssrsScreener;
import org.ketaminefhir.outcomes.rules.FormScore;
import org.ketaminefhir.outcomes.rules.ItemAnswer;
import org.ketaminefhir.outcomes.rules.ScoredForm;
import org.ketaminefhir.outcomes.rules.SeverityBand;

/**
 * Turns a QuestionnaireResponse into the score Observations it implies: a total per instrument found on the form (with
 * its severity band as interpretation) and an item Observation per LOINC-coded item. Ids are derived from the
 * response's identity (its identifier, else patient, form and time authored), so storing the same response again, or
 * an update of it, lands on the same Observations.
 */
final class ScoreExtraction {

    static final String OUTCOME_SCORE_PROFILE = "https://ketamine-fhir.org/ig/StructureDefinition/ketamine-outcome-score";
    static final String INTERPRETATION = "https://ketamine-fhir.org/ig/CodeSystem/ketamine-score-interpretation";
    static final String CONCEPTS = "https://ketamine-fhir.org/ig/CodeSystem/ketamine-concepts";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String LOINC = "http://loinc.org";

    /** The observations to store for a response, and what a sender should be told about it. */
    record Extraction(List<Observation> observations, List<String> warnings) {}

    private ScoreExtraction() {}

    static Extraction extract(QuestionnaireResponse response) {
        List<Observation> observations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (response.getStatus() != QuestionnaireResponseStatus.COMPLETED
                && response.getStatus() != QuestionnaireResponseStatus.AMENDED) {
            warnings.add("The response is " + (response.hasStatus() ? response.getStatus().toCode() : "without status")
                    + "; only completed or amended responses are scored");
            return new Extraction(observations, warnings);
        }
        if (!response.hasSubject()) {
            warnings.add("The response has no subject, so no scores are extracted");
            return new Extraction(observations, warnings);
        }
        String key = identityKey(response);
        FormAnswers answers = new FormAnswers(response);
        Map<String, ItemAnswer> scored = answers.scored();
        for (ScoredForm form : ScoredForm.foundIn(scored)) {
            FormScore score = form.score(scored);
            warnings.addAll(score.warnings());
            String prefix = form.name().toLowerCase().replace('_', '-') + "-" + key;
            score.totalScore().ifPresent(total -> observations.add(total(response, prefix, form, total)));
            if (!LOINC.equals(form.instrument().system()) || form == ScoredForm.PAIN_NRS) {
                continue;
            }
            for (String item : score.itemPoints().keySet()) {
                observations.add(item(response, prefix + "-" + item, item, answers.answer(item).getValue()));
            }
        }
        Map<String, Boolean> yesNo = answers.yesNo();
        if (CssrsScreener.isFoundIn(yesNo)) {
            String prefix = "cssrs-" + key;
            Optional<CssrsRisk> risk = CssrsScreener.risk(yesNo);
            if (risk.isPresent()) {
                observations.add(cssrsRisk(response, prefix, risk.get()));
            } else {
                warnings.add("C-SSRS screener: items " + String.join(", ", CssrsScreener.missing(yesNo))
                        + " are always asked and unanswered, so no risk level is given");
            }
            for (String item : CssrsScreener.ITEMS) {
                if (yesNo.containsKey(item)) {
                    observations.add(item(response, prefix + "-" + item, item, answers.answer(item).getValue()));
                }
            }
        }
        return new Extraction(observations, warnings);
    }

    private static Observation total(QuestionnaireResponse response, String id, ScoredForm form, int total) {
        Observation observation = base(response, id);
        observation.getMeta().addProfile(OUTCOME_SCORE_PROFILE);
        observation.getCode().addCoding(new Coding(form.instrument().system(), form.instrument().code(),
                form.instrument().display()));
        observation.setValue(new Quantity().setValue(new BigDecimal(total)).setUnit("{score}").setSystem(UCUM)
                .setCode("{score}"));
        form.instrument().band(total).ifPresent(band -> observation.addInterpretation(interpretation(band)));
        return observation;
    }

    private static Observation cssrsRisk(QuestionnaireResponse response, String id, CssrsRisk risk) {
        Observation observation = base(response, id);
        observation.getMeta().addProfile(OUTCOME_SCORE_PROFILE);
        observation.getCode().addCoding(new Coding(CONCEPTS, "cssrs-screener-risk", "C-SSRS screener risk level"));
        observation.setValue(new CodeableConcept(new Coding(INTERPRETATION, risk.code(), risk.display())));
        return observation;
    }

    private static Observation item(QuestionnaireResponse response, String id, String item, Type answer) {
        Observation observation = base(response, id);
        observation.getCode().addCoding(new Coding(LOINC, item, null));
        if (answer instanceof Coding coding) {
            observation.setValue(new CodeableConcept(coding.copy()));
        } else if (answer instanceof IntegerType integer) {
            observation.setValue(integer.copy());
        }
        return observation;
    }

    private static Observation base(QuestionnaireResponse response, String id) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(response.getStatus() == QuestionnaireResponseStatus.AMENDED
                ? Observation.ObservationStatus.AMENDED
                : Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(CATEGORY, "survey", "Survey")));
        observation.setSubject(response.getSubject().copy());
        if (response.hasEncounter()) {
            observation.setEncounter(response.getEncounter().copy());
        }
        observation.setEffective(new DateTimeType(effective(response)));
        if (response.hasAuthor()) {
            observation.addPerformer(response.getAuthor().copy());
        }
        if (response.getIdElement().hasIdPart()) {
            observation.addDerivedFrom(new Reference("QuestionnaireResponse/" + response.getIdElement().getIdPart()));
        }
        return observation;
    }

    private static CodeableConcept interpretation(SeverityBand band) {
        return new CodeableConcept(new Coding(INTERPRETATION, band.code(), band.display())).setText(band.display());
    }

    private static Date effective(QuestionnaireResponse response) {
        if (response.hasAuthored()) {
            return response.getAuthored();
        }
        return response.getMeta().hasLastUpdated() ? response.getMeta().getLastUpdated() : new Date();
    }

    /** What makes two stored responses the same form: identifier, else patient + form + time, else the id. */
    static String identityKey(QuestionnaireResponse response) {
        String identity;
        if (response.hasIdentifier() && response.getIdentifier().hasValue()) {
            identity = response.getIdentifier().getSystem() + "|" + response.getIdentifier().getValue();
        } else if (response.hasAuthored()) {
            identity = response.getSubject().getReference() + "|" + response.getQuestionnaire() + "|"
                    + response.getAuthoredElement().getValueAsString();
        } else {
            identity = response.getIdElement().getIdPart();
        }
        return DerivedResources.key(identity);
    }
}
