package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * What BALP leaves out: custom operations ({@code $everything}, {@code $ketamine-eligibility}, ...) get an AuditEvent
 * of their own when they complete, naming the operation, the client and the resource it ran on; and a request the
 * token's scopes refuse (403) is recorded as a failed attempt.
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
        sink.recordAuditEvent(event(request, AuditEvent.AuditEventAction.E, AuditEvent.AuditEventOutcome._0, "operation",
                request.getOperation()));
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refused(RequestDetails request, BaseServerResponseException exception) {
        if (exception instanceof ForbiddenOperationException && request.getRestOperationType() != null) {
            RestOperationTypeEnum type = request.getRestOperationType();
            sink.recordAuditEvent(event(request, action(type), AuditEvent.AuditEventOutcome._4, type.getCode(),
                    "refused: " + exception.getMessage()));
        }
        return true;
    }

    private static AuditEvent.AuditEventAction action(RestOperationTypeEnum type) {
        return switch (type) {
            case CREATE -> AuditEvent.AuditEventAction.C;
            case UPDATE, PATCH -> AuditEvent.AuditEventAction.U;
            case DELETE -> AuditEvent.AuditEventAction.D;
            case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM ->
                    AuditEvent.AuditEventAction.R;
            default -> AuditEvent.AuditEventAction.E;
        };
    }

    private AuditEvent event(RequestDetails request, AuditEvent.AuditEventAction action,
            AuditEvent.AuditEventOutcome outcome, String interaction, String name) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, interaction, interaction));
        event.setAction(action);
        event.setRecorded(new Date());
        event.setOutcome(outcome);
        event.addAgent().setRequestor(true).setWho(who.getAgentClientWho(request));
        event.getSource().setObserver(new Reference().setDisplay(request.getFhirServerBase()));
        AuditEvent.AuditEventEntityComponent entity = event.addEntity();
        entity.setName(name);
        if (request.getId() != null && request.getId().hasIdPart()) {
            entity.setWhat(new Reference(request.getId().toUnqualifiedVersionless().getValue()));
        }
        entity.setDescription(request.getCompleteUrl());
        return event;
    }
}
