package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Validates every create and update that the guide governs (see {@link GovernedResources}) against its profile with
 * HAPI's instance validator, and refuses it with 422 and the validator's errors, each naming the element and the
 * rule. One validator, with its support chain and caches, serves every request. Warnings do not block a write.
 *
 * <p>A transaction's governed entries are validated together, in one call, before its entries are processed: the
 * validator's cost is mostly per call, so a 130-entry session bundle costs a fraction of 130 single validations. The
 * entries validated that way are not validated again when they are stored.
 */
@Interceptor
public class ProfileEnforcementInterceptor {

    private static final String VALIDATED = ProfileEnforcementInterceptor.class.getName() + ".validated";

    private final FhirContext fhirContext;
    private final FhirValidator validator;
    private final GovernedResources governed;

    ProfileEnforcementInterceptor(
            FhirContext fhirContext, IInstanceValidatorModule instanceValidator, GovernedResources governed) {
        this.fhirContext = fhirContext;
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
        this.governed = governed;
    }

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void beforeTransaction(IBaseBundle bundle, RequestDetails request) {
        if (!(bundle instanceof Bundle transaction)
                || transaction.getType() != Bundle.BundleType.TRANSACTION
                || request == null) {
            return;
        }
        TransactionValidation validation = TransactionValidation.of(fhirContext.newTerser(), transaction, governed);
        if (validation.isEmpty()) {
            return;
        }
        ValidationResult result = validator.validateWithResult(validation.bundle());
        List<SingleValidationMessage> errors = validation.errorsInGovernedEntries(errorsOf(result));
        if (!errors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, outcome(errors));
        }
        request.getUserData().put(VALIDATED, validation.validatedResources());
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        enforce(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        enforce(updated, request);
    }

    private static boolean alreadyValidated(IBaseResource resource, RequestDetails request) {
        return request != null
                && request.getUserData().get(VALIDATED) instanceof Set<?> validated
                && validated.contains(resource);
    }

    private void enforce(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof Resource r) || alreadyValidated(resource, request)) {
            return;
        }
        Set<String> profiles = governed.profilesFor(r);
        if (profiles.isEmpty()) {
            return;
        }
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        List<SingleValidationMessage> errors = errorsOf(validator.validateWithResult(resource, options));
        if (!errors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, outcome(errors));
        }
    }

    /** Strips the resource-type comments the validator writes into paths inside a bundle. */
    static String readableLocation(String location) {
        return location.replaceAll("/\\*[^*]*\\*/", "");
    }

    private static List<SingleValidationMessage> errorsOf(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    private static OperationOutcome outcome(List<SingleValidationMessage> errors) {
        OperationOutcome outcome = new OperationOutcome();
        for (SingleValidationMessage error : errors) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics(error.getMessage());
            if (error.getLocationString() != null) {
                issue.setExpression(List.of(new StringType(readableLocation(error.getLocationString()))));
            }
        }
        return outcome;
    }
}
