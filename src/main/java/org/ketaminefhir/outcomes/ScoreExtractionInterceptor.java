package org.ketaminefhir.outcomes;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.ketaminefhir.derived.Derivation;
import org.ketaminefhir.derived.DerivedResources;
import org.springframework.stereotype.Component;

/**
 * Scores every QuestionnaireResponse as it is stored, inside the same database transaction: the score Observations
 * are created, updated, or deleted (when the response no longer supports them, or is deleted) together with the
 * response.
 */
@Component
@Interceptor
public class ScoreExtractionInterceptor {

    static final String RULE = "Questionnaire scoring: totals, severity bands and item scores"
            + " (outcomes/rules/ScoredForm, CssrsScreener)";

    private final DerivedResources derived;

    public ScoreExtractionInterceptor(DerivedResources derived) {
        this.derived = derived;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        score(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        score(updated, request);
    }

    /** Scores go with the form they came from; deleting them first keeps referential integrity from refusing it. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof QuestionnaireResponse response) {
            String source = "QuestionnaireResponse/" + response.getIdElement().getIdPart();
            derived.replace(Observation.class, "derived-from", source, java.util.List.of(),
                    new Derivation(RULE, java.util.List.of(source)));
        }
    }

    private void score(IBaseResource resource, RequestDetails request) {
        if (resource instanceof QuestionnaireResponse response) {
            String source = "QuestionnaireResponse/" + response.getIdElement().getIdPart();
            ScoreExtraction.Extraction extraction = ScoreExtraction.extract(response);
            derived.replace(Observation.class, "derived-from", source, extraction.observations(),
                    new Derivation(RULE, java.util.List.of(source)));
            ScoringWarnings.remember(request, source, extraction.warnings());
        }
    }
}
