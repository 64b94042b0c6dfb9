package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.SearchParameterUtil;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * The audit trail is not part of a patient's record. AuditEvents name the patient, so HAPI would count them in the
 * patient's compartment: {@code Patient/$everything} would return the record of who looked at the record, a trail
 * that grows with every look, and so would a patient's or a group's bulk export. Ask {@code AuditEvent?patient=...}
 * for it.
 *
 * <p>HAPI keeps a list of types that name a patient without being part of their record (Group and List); both
 * {@code $everything} and patient-level bulk export leave those out in the database query. AuditEvent joins that list
 * when this interceptor is created. Leaving the events out of the query, rather than dropping them from the response,
 * keeps pages full and {@code total} right, and spares loading them. A {@code $everything} or a group export that
 * names AuditEvent in {@code _type} is refused, so that the client learns where the trail is.
 */
@Interceptor
public class AuditTrailOutsidePatientRecord implements RequestScopedInterceptor {

    static final String AUDIT_EVENT = "AuditEvent";

    AuditTrailOutsidePatientRecord() {
        // HAPI reads only the keys; a value would name search parameters to drop from the compartment.
        SearchParameterUtil.RESOURCE_TYPES_TO_SP_TO_OMIT_FROM_PATIENT_COMPARTMENT
                .putIfAbsent(AUDIT_EVENT, new HashSet<>());
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void refuseTrailInEverything(SearchParameterMap search) {
        if (search.getEverythingMode() != null && namesAuditEvent(requestedTypes(search))) {
            throw notPartOfTheRecord("$everything");
        }
    }

    /** HAPI's list above covers patient-level exports only; a group's export gets the same rule here. */
    @Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
    public void leaveTrailOutOfGroupExport(BulkExportJobParameters export, RequestDetails request) {
        if (export.getExportStyle() != BulkExportJobParameters.ExportStyle.GROUP) {
            return;
        }
        String[] requested = request == null ? null : request.getParameters().get(Constants.PARAM_TYPE);
        if (requested != null && namesAuditEvent(Arrays.stream(requested))) {
            throw notPartOfTheRecord("A group's export");
        }
        export.setResourceTypes(export.getResourceTypes().stream().filter(type -> !AUDIT_EVENT.equals(type)).toList());
    }

    private static InvalidRequestException notPartOfTheRecord(String what) {
        return new InvalidRequestException(what + " does not return AuditEvents: the audit trail is not part of the"
                + " patient's record. Search AuditEvent?patient=Patient/[id] for it.");
    }

    private static Stream<String> requestedTypes(SearchParameterMap search) {
        List<List<IQueryParameterType>> and = search.get(Constants.PARAM_TYPE);
        return and == null ? Stream.empty() : and.stream().flatMap(List::stream)
                .filter(StringParam.class::isInstance)
                .map(value -> ((StringParam) value).getValue());
    }

    /** Whether any of these {@code _type} values (each a comma-separated list) names AuditEvent. */
    private static boolean namesAuditEvent(Stream<String> typeLists) {
        return typeLists.flatMap(csv -> Arrays.stream(csv.split(","))).map(String::strip).anyMatch(AUDIT_EVENT::equals);
    }
}
