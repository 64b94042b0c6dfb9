package org.ketaminefhir.intake;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/** Re-assesses eligibility, in the same transaction, whenever an intake questionnaire response is stored. */
@Interceptor
public class IntakeEligibilityInterceptor {

    private final EligibilityAssessor assessor;

    IntakeEligibilityInterceptor(EligibilityAssessor assessor) {
        this.assessor = assessor;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        reassess(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated) {
        reassess(updated);
    }

    private void reassess(IBaseResource resource) {
        if (resource instanceof QuestionnaireResponse response
                && EvidenceGatherer.isIntake(response)
                && response.getSubject().getReference() != null) {
            IdType subject = new IdType(response.getSubject().getReference());
            if ("Patient".equals(subject.getResourceType())) {
                assessor.assess(subject.getIdPart());
            }
        }
    }
}
