package org.ketaminefhir.outcomes;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.server.FhirOperationProvider;
import org.springframework.stereotype.Component;

/**
 * SDC {@code $extract}: the score Observations a QuestionnaireResponse implies, as a transaction Bundle the caller may
 * post, plus the scoring warnings as an OperationOutcome. Nothing is stored.
 */
@Component
public class ExtractOperationProvider implements FhirOperationProvider {

    private final DerivedResources resources;

    public ExtractOperationProvider(DerivedResources resources) {
        this.resources = resources;
    }

    @Operation(name = "$extract", type = QuestionnaireResponse.class, idempotent = true)
    public Parameters extractStored(@IdParam IdType id) {
        String reference = "QuestionnaireResponse/" + id.getIdPart();
        if (!(resources.readOrNull(reference) instanceof QuestionnaireResponse response)) {
            throw new ResourceNotFoundException(new IdType(reference));
        }
        return extract(response);
    }

    @Operation(name = "$extract", type = QuestionnaireResponse.class)
    public Parameters extractPosted(
            @OperationParam(name = "questionnaire-response", min = 1, max = 1) QuestionnaireResponse response) {
        if (response == null) {
            throw new InvalidRequestException("$extract needs the parameter questionnaire-response");
        }
        return extract(response);
    }

    private static Parameters extract(QuestionnaireResponse response) {
        ScoreExtraction.Extraction extraction = ScoreExtraction.extract(response);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Observation observation : extraction.observations()) {
            String reference = "Observation/" + observation.getIdElement().getIdPart();
            bundle.addEntry()
                    .setFullUrl(reference)
                    .setResource(observation)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(reference);
        }
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("return").setResource(bundle);
        if (!extraction.warnings().isEmpty()) {
            OperationOutcome issues = new OperationOutcome();
            extraction.warnings().forEach(warning -> issues.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.WARNING)
                    .setCode(OperationOutcome.IssueType.INCOMPLETE)
                    .setDiagnostics(warning));
            parameters.addParameter().setName("issues").setResource(issues);
        }
        return parameters;
    }
}
