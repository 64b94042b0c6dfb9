package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * What BALP leaves out: custom operations ({@code $everything}, {@code $ketamine-eligibility}, {@code $export}, ...)
 * get an AuditEvent of their own when they complete, naming the operation, the client and the resource it ran on.
 */
@Interceptor
public class OperationAudit {

    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    private static final Set<RestOperationTypeEnum> OPERATIONS = Set.of(
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
            RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

    private final IBalpAuditEventSink sink;
    private final TokenAuditContext who;

    OperationAudit(IBalpAuditEventSink sink, TokenAuditContext who) {
        this.sink = sink;
        this.who = who;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(RequestDetails request) {
        if (request.getRestOperationType() == null || !OPERATIONS.contains(request.getRestOperationType())) {
            return;
        }
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, "operation", "operation"));
        event.setAction(AuditEvent.AuditEventAction.E);
        event.setRecorded(new Date());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent().setRequestor(true).setWho(who.getAgentClientWho(request));
        event.getSource().setObserver(new Reference().setDisplay(request.getFhirServerBase()));
        AuditEvent.AuditEventEntityComponent entity = event.addEntity();
        entity.setName(request.getOperation());
        if (request.getId() != null && request.getId().hasIdPart()) {
            entity.setWhat(new Reference(request.getId().toUnqualifiedVersionless().getValue()));
        }
        entity.setDescription(request.getCompleteUrl());
        sink.recordAuditEvent(event);
    }
}
