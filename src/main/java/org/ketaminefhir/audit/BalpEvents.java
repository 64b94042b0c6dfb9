package org.ketaminefhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.util.UrlUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;

/**
 * Builds AuditEvents that conform to the IHE Basic Audit Log Patterns (BALP) profiles, whose URLs, actions and agent
 * types come from HAPI's {@link BalpProfileEnum}. The agents (client, server, user) are worked out once per request
 * and copied into each of its events, so a transaction of 160 entries reads the token once, not 160 times.
 *
 * <p>The events carry no narrative: BALP does not ask for one, and building an XHTML {@code div} through HAPI's
 * parser cost more than the rest of the event.
 */
final class BalpEvents {

    private static final String AGENTS = BalpEvents.class.getName() + ".agents";
    private static final String ENTITY_TYPE_REQUEST_ID = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private static final Map<String, String> ENTITY_TYPE_DISPLAYS = Map.of(
            BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
            BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);

    private static final Map<String, String> ROLE_DISPLAYS = Map.of(
            BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY,
            BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY,
            BalpConstants.CS_OBJECT_ROLE_24_QUERY, "Query");

    private final IBalpAuditContextServices context;

    BalpEvents(IBalpAuditContextServices context) {
        this.context = context;
    }

    /** A create, update or delete of {@code resourceId}, naming the patients whose record it belongs to. */
    AuditEvent change(RequestDetails request, BalpProfileEnum profile, String resourceId, Collection<String> patients) {
        AuditEvent event = common(request, profile);
        addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE)
                .getWhat().setReference(resourceId);
        patients.forEach(patient -> addPatient(event, patient));
        return event;
    }

    /** A read of {@code resourceId}; a patient's data gets one event per patient, as BALP's Patient Read asks. */
    AuditEvent read(RequestDetails request, BalpProfileEnum profile, String resourceId, String patient) {
        AuditEvent event = change(request, profile, resourceId, List.of());
        if (patient != null) {
            addPatient(event, patient);
        }
        return event;
    }

    /** A search, with the query as the client sent it; {@code patient} is null for a search outside any record. */
    AuditEvent query(RequestDetails request, BalpProfileEnum profile, String patient) {
        AuditEvent event = common(request, profile);
        AuditEventEntityComponent query = addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT,
                BalpConstants.CS_OBJECT_ROLE_24_QUERY);
        query.setDescription(request.getRequestType().name() + " " + request.getCompleteUrl());
        query.setQuery(queryString(request).getBytes(StandardCharsets.UTF_8));
        if (patient != null) {
            addPatient(event, patient);
        }
        return event;
    }

    private AuditEvent common(RequestDetails request, BalpProfileEnum profile) {
        RestOperationTypeEnum interaction = request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE
                ? RestOperationTypeEnum.SEARCH_TYPE
                : request.getRestOperationType();
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(profile.getProfileUrl());
        event.setType(new Coding(BalpConstants.CS_AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
        event.addSubtype(new Coding(BalpConstants.CS_RESTFUL_INTERACTION, interaction.getCode(), interaction.getCode()));
        event.setAction(profile.getAction());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.setRecorded(new Date());
        event.getSource().getObserver().setDisplay(request.getFhirServerBase());
        List<AuditEventAgentComponent> agents = agentsOf(request);
        AuditEventAgentComponent client = agents.get(0).copy();
        client.getType().addCoding(profile.getAgentClientTypeCoding());
        AuditEventAgentComponent server = agents.get(1).copy();
        server.getType().addCoding(profile.getAgentServerTypeCoding());
        event.addAgent(client).addAgent(server).addAgent(agents.get(2).copy());
        AuditEventEntityComponent transaction = event.addEntity();
        transaction.getType().setSystem(ENTITY_TYPE_REQUEST_ID).setCode("XrequestId");
        transaction.getWhat().getIdentifier().setValue(request.getRequestId());
        return event;
    }

    /** Client, server and user, without the profile-specific agent types. */
    @SuppressWarnings("unchecked")
    private List<AuditEventAgentComponent> agentsOf(RequestDetails request) {
        Object cached = request.getUserData().get(AGENTS);
        if (cached instanceof List<?> agents) {
            return (List<AuditEventAgentComponent>) agents;
        }
        String address = context.getNetworkAddress(request);
        AuditEventAgentComponent client = new AuditEventAgentComponent().setRequestor(false);
        client.setWho(context.getAgentClientWho(request)).getWho().setDisplay(address);
        client.getNetwork().setAddress(address).setType(context.getNetworkAddressType(request));
        AuditEventAgentComponent server = new AuditEventAgentComponent().setRequestor(false);
        server.getWho().setDisplay(request.getFhirServerBase());
        server.getNetwork().setAddress(request.getFhirServerBase());
        AuditEventAgentComponent user = new AuditEventAgentComponent().setRequestor(true);
        user.getType().addCoding(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient"));
        user.setWho(context.getAgentUserWho(request));
        List<AuditEventAgentComponent> agents = List.of(client, server, user);
        request.getUserData().put(AGENTS, agents);
        return agents;
    }

    private static void addPatient(AuditEvent event, String patient) {
        addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_OBJECT_ROLE_1_PATIENT)
                .getWhat().setReference(patient);
    }

    private static AuditEventEntityComponent addEntity(AuditEvent event, String type, String role) {
        AuditEventEntityComponent entity = event.addEntity();
        entity.setType(new Coding(BalpConstants.CS_AUDIT_ENTITY_TYPE, type, ENTITY_TYPE_DISPLAYS.get(type)));
        entity.setRole(new Coding(BalpConstants.CS_OBJECT_ROLE, role, ROLE_DISPLAYS.get(role)));
        return entity;
    }

    /** The search as an absolute URL with its parameters, each escaped, in the order the request gave them. */
    private static String queryString(RequestDetails request) {
        String parameters = request.getParameters().entrySet().stream()
                .flatMap(p -> Arrays.stream(p.getValue())
                        .map(v -> UrlUtil.escapeUrlParam(p.getKey()) + "=" + UrlUtil.escapeUrlParam(v)))
                .collect(Collectors.joining("&"));
        String path = request.getFhirServerBase() + "/" + request.getRequestPath();
        return parameters.isEmpty() ? path : path + "?" + parameters;
    }
}
