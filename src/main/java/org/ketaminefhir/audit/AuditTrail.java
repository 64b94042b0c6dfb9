package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.util.FhirTerser;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * The audit trail of client requests, as IHE Basic Audit Log Patterns (BALP) AuditEvents: each resource a client
 * creates, updates or deletes (including each entry of a transaction), each read and each search. Data in a patient's
 * record is audited with BALP's Patient profiles, naming the patient. The server's own writes are not client activity
 * and are not audited.
 *
 * <p>HAPI ships a BALP interceptor; this one produces the same profiles, but works out the agents once per request
 * and builds no XHTML narrative, which together made up most of the audit trail's cost per written resource.
 */
@Interceptor
public class AuditTrail implements RequestScopedInterceptor {

    private static final String PATIENT_COMPARTMENT = "Patient";

    private final DatabaseAuditSink sink;
    private final IBalpAuditContextServices context;
    private final BalpEvents events;

    AuditTrail(DatabaseAuditSink sink, IBalpAuditContextServices context) {
        this.sink = sink;
        this.context = context;
        this.events = new BalpEvents(context);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        changed(resource, request, transaction, BalpProfileEnum.BASIC_CREATE, BalpProfileEnum.PATIENT_CREATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request,
            TransactionDetails transaction) {
        changed(resource, request, transaction, BalpProfileEnum.BASIC_UPDATE, BalpProfileEnum.PATIENT_UPDATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        changed(resource, request, transaction, BalpProfileEnum.BASIC_DELETE, BalpProfileEnum.PATIENT_DELETE);
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(IPreResourceShowDetails shown, RequestDetails request) {
        if (!(request instanceof ServletRequestDetails) || request.getRestOperationType() == null) {
            return;
        }
        switch (request.getRestOperationType()) {
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> searched(shown, request);
            case READ, VREAD -> read(shown, request);
            default -> {
                // Other interactions (operations, history) are audited by OperationAudit or not at all.
            }
        }
    }

    private void changed(IBaseResource resource, RequestDetails request, TransactionDetails transaction,
            BalpProfileEnum basic, BalpProfileEnum patient) {
        if (!(request instanceof ServletRequestDetails)) {
            return;
        }
        Set<String> patients = patientsOf(List.of(resource), request);
        sink.recordChange(events.change(request, patients.isEmpty() ? basic : patient,
                idOf(resource, resource.getIdElement(), request), patients), transaction);
    }

    private void read(IPreResourceShowDetails shown, RequestDetails request) {
        IBaseResource resource = shown.size() == 1 ? shown.getResource(0) : null;
        if (resource == null) {
            return;
        }
        String id = idOf(resource, resource.getIdElement(), request);
        Set<String> patients = patientsOf(List.of(resource), request);
        if (patients.isEmpty()) {
            sink.recordAuditEvent(events.read(request, BalpProfileEnum.BASIC_READ, id, null));
        }
        patients.forEach(p -> sink.recordAuditEvent(events.read(request, BalpProfileEnum.PATIENT_READ, id, p)));
    }

    private void searched(IPreResourceShowDetails shown, RequestDetails request) {
        List<IBaseResource> resources = shown.getAllResources().stream().filter(Objects::nonNull).toList();
        Set<String> patients = patientsOf(resources, request);
        if (patients.isEmpty()) {
            sink.recordAuditEvent(events.query(request, BalpProfileEnum.BASIC_QUERY, null));
        }
        patients.forEach(p -> sink.recordAuditEvent(events.query(request, BalpProfileEnum.PATIENT_QUERY, p)));
    }

    /** The patients whose compartment holds any of the resources: a Patient itself, or those it refers to. */
    private Set<String> patientsOf(List<IBaseResource> resources, RequestDetails request) {
        Set<String> patients = new TreeSet<>();
        FhirTerser terser = request.getFhirContext().newTerser();
        for (IBaseResource resource : resources) {
            if (PATIENT_COMPARTMENT.equals(request.getFhirContext().getResourceType(resource))) {
                patients.add(idOf(resource, resource.getIdElement(), request));
                continue;
            }
            for (IIdType owner : terser.getCompartmentOwnersForResource(PATIENT_COMPARTMENT, resource, Set.of())) {
                patients.add(idOf(resource, owner, request));
            }
        }
        return patients;
    }

    private String idOf(IBaseResource resource, IIdType id, RequestDetails request) {
        return context.massageResourceIdForStorage(request, resource, id);
    }
}
