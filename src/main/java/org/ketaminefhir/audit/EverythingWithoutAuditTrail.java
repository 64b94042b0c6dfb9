package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.AuditEvent;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * {@code Patient/$everything} returns the patient's record. AuditEvents sit in the patient compartment (they name the
 * patient), but the trail of who looked at a record is not part of it, and would grow with every look; ask
 * {@code AuditEvent?patient=...} for it instead.
 */
@Interceptor
public class EverythingWithoutAuditTrail implements RequestScopedInterceptor {

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void hideAuditEvents(IPreResourceShowDetails shown, RequestDetails request) {
        if (request == null || !"$everything".equals(request.getOperation())) {
            return;
        }
        for (int i = 0; i < shown.size(); i++) {
            if (shown.getResource(i) instanceof AuditEvent) {
                shown.setResource(i, null);
            }
        }
    }
}
