package org.ketaminefhir.guard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses a create or update (including each entry of a transaction, and the result of a PATCH) that lacks an element
 * the base specification requires: 422 with one issue per missing element.
 */
@Interceptor
public class RequiredElementsInterceptor {

    private final FhirContext fhirContext;
    private final RequiredElementsCheck check;

    RequiredElementsInterceptor(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.check = new RequiredElementsCheck(fhirContext);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource) {
        refuseIfIncomplete(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource updated) {
        refuseIfIncomplete(updated);
    }

    private void refuseIfIncomplete(IBaseResource resource) {
        List<String> missing = check.missingElements(resource);
        if (missing.isEmpty()) {
            return;
        }
        throw new UnprocessableEntityException(fhirContext, ErrorOutcomes.of(
                OperationOutcome.IssueType.REQUIRED, missing, RequiredElementsInterceptor::message, path -> path));
    }

    static String message(String path) {
        return "KETA-GUARD-001: " + RequiredElementsCheck.missing(path);
    }
}
