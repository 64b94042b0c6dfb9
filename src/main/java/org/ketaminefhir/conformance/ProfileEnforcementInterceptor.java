package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Validates every create and update that the guide governs (see {@link GovernedResources}) against its profile with
 * HAPI's instance validator, and refuses it with 422 and the validator's errors, each naming the element and the
 * rule. One validator, with its support chain and caches, serves every request. Warnings do not block a write.
 */
@Interceptor
public class ProfileEnforcementInterceptor {

    private final FhirContext fhirContext;
    private final FhirValidator validator;
    private final GovernedResources governed;

    ProfileEnforcementInterceptor(
            FhirContext fhirContext, IInstanceValidatorModule instanceValidator, GovernedResources governed) {
        this.fhirContext = fhirContext;
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
        this.governed = governed;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource) {
        enforce(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource updated) {
        enforce(updated);
    }

    private void enforce(IBaseResource resource) {
        if (!(resource instanceof Resource r)) {
            return;
        }
        Set<String> profiles = governed.profilesFor(r);
        if (profiles.isEmpty()) {
            return;
        }
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        ValidationResult result = validator.validateWithResult(resource, options);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        if (!errors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, outcome(errors));
        }
    }

    private static OperationOutcome outcome(List<SingleValidationMessage> errors) {
        OperationOutcome outcome = new OperationOutcome();
        for (SingleValidationMessage error : errors) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics(error.getMessage());
            if (error.getLocationString() != null) {
                issue.setExpression(List.of(new StringType(error.getLocationString())));
            }
        }
        return outcome;
    }
}
