package org.ketaminefhir.intake;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.records.Codes;
import org.ketaminefhir.intake.rules.Finding;
import org.ketaminefhir.server.FhirOperationProvider;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Patient/{id}/$ketamine-eligibility} (GET or POST), declared by our OperationDefinition ketamine-eligibility:
 * assesses the patient from everything stored, stores the RiskAssessment and Flags in one transaction, and returns
 * the outcome with one part per finding.
 */
public class EligibilityOperationProvider implements FhirOperationProvider {

    private final EligibilityAssessor assessor;
    private final DerivedResources resources;
    private final TransactionTemplate transaction;

    EligibilityOperationProvider(EligibilityAssessor assessor, DerivedResources resources, TransactionTemplate transaction) {
        this.assessor = assessor;
        this.resources = resources;
        this.transaction = transaction;
    }

    @Operation(name = "$ketamine-eligibility", type = Patient.class, idempotent = true)
    public Parameters eligibility(@IdParam IdType id, RequestDetails request) {
        FhirOperationProvider.requireParametersBody(request, "$ketamine-eligibility");
        EligibilityAssessor.Assessment assessment = transaction.execute(status -> {
            if (!(resources.readOrNull("Patient/" + id.getIdPart()) instanceof Patient)) {
                throw new ResourceNotFoundException(new IdType("Patient", id.getIdPart()));
            }
            return assessor.assess(id.getIdPart());
        });
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("outcome").setValue(new Coding(Codes.ELIGIBILITY_OUTCOMES,
                assessment.result().outcome().code(), assessment.result().outcome().display()));
        for (Finding finding : assessment.result().findings()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("finding");
            part.addPart().setName("rule").setValue(new org.hl7.fhir.r4.model.CodeType(finding.ruleId()));
            part.addPart().setName("severity").setValue(new org.hl7.fhir.r4.model.CodeType(finding.severity().code()));
            part.addPart().setName("reason").setValue(new StringType(finding.reason()));
            if (finding.evidence() != null) {
                part.addPart().setName("evidence").setValue(new Reference(finding.evidence()));
            }
        }
        parameters.addParameter().setName("assessment")
                .setValue(new Reference("RiskAssessment/" + assessment.riskAssessmentId()));
        return parameters;
    }
}
