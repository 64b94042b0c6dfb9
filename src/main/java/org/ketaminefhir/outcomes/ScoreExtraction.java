package org.ketaminefhir.outcomes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
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
import org.ketaminefhir.records.Codes;
import org.ketaminefhir.records.FormAnswers;
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

    /** Authors that Observation.performer can also hold (QuestionnaireResponse.author may be a Device; performer not). */
    private static final Set<String> PERFORMER_TYPES =
            Set.of("Practitioner", "PractitionerRole", "Organization", "Patient", "RelatedPerson");

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
        if (!"Patient".equals(response.getSubject().getReferenceElement().getResourceType())
                || !response.getSubject().getReferenceElement().hasIdPart()) {
            warnings.add("The response's subject is not a Patient reference (Patient/id), so no scores are extracted");
            return new Extraction(observations, warnings);
        }
        String key = identityKey(response);
        FormAnswers answers = new FormAnswers(response);
        Map<String, ItemAnswer> scored = scored(answers);
        for (ScoredForm form : ScoredForm.foundIn(scored)) {
            FormScore score = form.score(scored);
            warnings.addAll(score.warnings());
            String prefix = form.name().toLowerCase().replace('_', '-') + "-" + key;
            score.totalScore().ifPresent(total -> observations.add(total(response, prefix, form, total)));
            if (!Codes.LOINC.equals(form.instrument().system()) || form == ScoredForm.PAIN_NRS) {
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
                        + " were due and are unanswered, so no risk level is given");
            }
            for (String item : CssrsScreener.ITEMS) {
                if (yesNo.containsKey(item)) {
                    observations.add(item(response, prefix + "-" + item, item, answers.answer(item).getValue()));
                }
            }
        }
        return new Extraction(observations, warnings);
    }

    /** Every numeric or coded answer as the scoring rules read it. */
    private static Map<String, ItemAnswer> scored(FormAnswers answers) {
        Map<String, ItemAnswer> scored = new LinkedHashMap<>();
        for (String item : answers.items()) {
            Type value = answers.answer(item).getValue();
            if (value instanceof IntegerType integer && integer.getValue() != null) {
                scored.put(item, ItemAnswer.ofInteger(integer.getValue()));
            } else if (value instanceof Coding coding) {
                scored.put(item, ItemAnswer.ofCode(coding.getSystem(), coding.getCode(), FormAnswers.ordinal(coding)));
            }
        }
        return scored;
    }

    private static Observation total(QuestionnaireResponse response, String id, ScoredForm form, int total) {
        Observation observation = base(response, id);
        observation.getMeta().addProfile(Codes.OUTCOME_SCORE_PROFILE);
        observation.getCode().addCoding(new Coding(form.instrument().system(), form.instrument().code(),
                form.instrument().display()));
        observation.setValue(new Quantity().setValue(new BigDecimal(total)).setUnit("{score}").setSystem(Codes.UCUM)
                .setCode("{score}"));
        form.instrument().band(total).ifPresent(band -> observation.addInterpretation(interpretation(band)));
        return observation;
    }

    private static Observation cssrsRisk(QuestionnaireResponse response, String id, CssrsRisk risk) {
        Observation observation = base(response, id);
        observation.getMeta().addProfile(Codes.OUTCOME_SCORE_PROFILE);
        observation.getCode().addCoding(new Coding(Codes.CONCEPTS, "cssrs-screener-risk", "C-SSRS screener risk level"));
        observation.setValue(new CodeableConcept(new Coding(Codes.SCORE_INTERPRETATION, risk.code(), risk.display())));
        return observation;
    }

    private static Observation item(QuestionnaireResponse response, String id, String item, Type answer) {
        Observation observation = base(response, id);
        observation.getCode().addCoding(new Coding(Codes.LOINC, item, null));
        if (answer instanceof Coding coding) {
            observation.setValue(new CodeableConcept(coding.copy()));
        } else if (answer instanceof IntegerType || answer instanceof BooleanType) {
            observation.setValue(answer.copy());
        }
        return observation;
    }

    private static Observation base(QuestionnaireResponse response, String id) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(response.getStatus() == QuestionnaireResponseStatus.AMENDED
                ? Observation.ObservationStatus.AMENDED
                : Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(Codes.OBSERVATION_CATEGORY, "survey", "Survey")));
        observation.setSubject(response.getSubject().copy());
        if (response.hasEncounter()) {
            observation.setEncounter(response.getEncounter().copy());
        }
        observation.setEffective(new DateTimeType(effective(response)));
        String authorType = response.getAuthor().getReferenceElement().getResourceType();
        if (authorType != null && PERFORMER_TYPES.contains(authorType)) {
            observation.addPerformer(response.getAuthor().copy());
        }
        if (response.getIdElement().hasIdPart()) {
            observation.addDerivedFrom(new Reference("QuestionnaireResponse/" + response.getIdElement().getIdPart()));
        }
        return observation;
    }

    private static CodeableConcept interpretation(SeverityBand band) {
        return new CodeableConcept(new Coding(Codes.SCORE_INTERPRETATION, band.code(), band.display())).setText(band.display());
    }

    private static Date effective(QuestionnaireResponse response) {
        if (response.hasAuthored()) {
            return response.getAuthored();
        }
        return response.getMeta().hasLastUpdated() ? response.getMeta().getLastUpdated() : new Date();
    }

    /**
     * What makes two stored responses the same form: its identifier; else patient, form and the time authored, when
     * that time is precise to the second (two forms on one day with a date-only time are different forms); else its
     * id.
     */
    static String identityKey(QuestionnaireResponse response) {
        String identity;
        if (response.hasIdentifier() && response.getIdentifier().hasValue()) {
            identity = response.getIdentifier().getSystem() + "|" + response.getIdentifier().getValue();
        } else if (response.hasAuthored()
                && response.getAuthoredElement().getPrecision().ordinal() >= TemporalPrecisionEnum.SECOND.ordinal()) {
            identity = response.getSubject().getReference() + "|" + response.getQuestionnaire() + "|"
                    + response.getAuthoredElement().getValueAsString();
        } else {
            identity = String.valueOf(response.getIdElement().getIdPart());
        }
        return DerivedResources.key(identity);
    }
}
