package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.SearchParameterUtil;
import java.util.HashSet;
import java.util.List;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * The audit trail is not part of a patient's record. AuditEvents name the patient, so HAPI would count them in the
 * patient's compartment: {@code Patient/$everything} would return the record of who looked at the record, a trail
 * that grows with every look, and so would a patient-level bulk export. Ask {@code AuditEvent?patient=...} for it.
 *
 * <p>HAPI keeps a list of types that name a patient without being part of their record (Group and List); both
 * {@code $everything} and patient-level bulk export leave those out in the database query. AuditEvent joins that list
 * when this interceptor is created. Leaving the events out of the query, rather than dropping them from the response,
 * keeps pages full and {@code total} right, and spares loading them. A {@code $everything} that names AuditEvent in
 * {@code _type} is refused, so that the client learns where the trail is.
 */
@Interceptor
public class AuditTrailOutsidePatientRecord implements RequestScopedInterceptor {

    static final String AUDIT_EVENT = "AuditEvent";

    AuditTrailOutsidePatientRecord() {
        // HAPI reads only the keys; the value lists search parameters to drop from the compartment, none here.
        SearchParameterUtil.RESOURCE_TYPES_TO_SP_TO_OMIT_FROM_PATIENT_COMPARTMENT.putIfAbsent(AUDIT_EVENT, new HashSet<>());
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void refuseTrailInEverything(SearchParameterMap search) {
        if (search.getEverythingMode() != null && requestedTypes(search).contains(AUDIT_EVENT)) {
            throw new InvalidRequestException("$everything does not return AuditEvents: the audit trail is not part"
                    + " of the patient's record. Search AuditEvent?patient=Patient/[id] for it.");
        }
    }

    private static List<String> requestedTypes(SearchParameterMap search) {
        List<List<IQueryParameterType>> and = search.get(Constants.PARAM_TYPE);
        if (and == null) {
            return List.of();
        }
        return and.stream().flatMap(List::stream)
                .filter(StringParam.class::isInstance)
                .flatMap(value -> List.of(((StringParam) value).getValue().split(",")).stream())
                .map(String::strip)
                .toList();
    }
}
