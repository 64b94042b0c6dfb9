package org.ketaminefhir.audit;

import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.ketaminefhir.security.UnauthenticatedRequest;
import org.springframework.context.event.EventListener;

/**
 * Records each request refused for want of a valid token (401) as a failed user authentication, the way the IHE ATNA
 * profile does: DICOM event type 110114 "User Authentication", subtype 110122 "Login", outcome 4. The caller is known
 * only by network address; the event names the method and path, not the query.
 */
class AuthenticationAudit {

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";

    private final IBalpAuditEventSink sink;

    AuthenticationAudit(IBalpAuditEventSink sink) {
        this.sink = sink;
    }

    @EventListener
    void refused(UnauthenticatedRequest request) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(DICOM, "110114", "User Authentication"));
        event.addSubtype(new Coding(DICOM, "110122", "Login"));
        event.setAction(AuditEvent.AuditEventAction.E);
        event.setRecorded(new Date());
        event.setOutcome(AuditEvent.AuditEventOutcome._4);
        event.setOutcomeDesc("No valid bearer token: " + request.reason());
        AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true)
                .setWho(new Reference().setDisplay("unauthenticated client"));
        agent.getNetwork().setAddress(request.remoteAddress())
                .setType(AuditEvent.AuditEventAgentNetworkType._2);
        event.getSource().setObserver(new Reference().setDisplay("Ketamine FHIR Server"));
        event.addEntity().setName(request.method() + " " + request.path());
        sink.recordAuditEvent(event);
    }
}
