package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.IdType;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * {@code Patient/$everything} returns the patient's record. AuditEvents name the patient, so HAPI would return them
 * too, but the trail of who looked at a record is not part of it, and it grows with every look (each
 * {@code $everything} adds to it); ask {@code AuditEvent?patient=...} for it instead.
 *
 * <p>The trail is kept out of the search itself, so pages are full and {@code total} is right: a request without
 * {@code _type} gets one listing the types that actually reference the patient, AuditEvent left out. (Listing every
 * other type would do the same, but HAPI loads a page's referenced resources with one query per listed type.) The
 * patient's own references, such as a general practitioner, are kept by always listing Patient. A request that names
 * AuditEvent in {@code _type} is refused.
 */
@Interceptor
public class EverythingWithoutAuditTrail implements RequestScopedInterceptor {

    static final String AUDIT_EVENT = "AuditEvent";

    private final PatientLinkTypes linkTypes;

    EverythingWithoutAuditTrail(PatientLinkTypes linkTypes) {
        this.linkTypes = linkTypes;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void leaveOutAuditTrail(SearchParameterMap search) {
        if (search.getEverythingMode() == null) {
            return;
        }
        List<String> requestedTypes = values(search, Constants.PARAM_TYPE);
        if (!requestedTypes.isEmpty()) {
            if (requestedTypes.contains(AUDIT_EVENT)) {
                throw new InvalidRequestException("$everything does not return AuditEvents: the audit trail is not part"
                        + " of the patient's record. Search AuditEvent?patient=Patient/[id] for it.");
            }
            return;
        }
        List<String> patientIds = values(search, "_id").stream().map(id -> new IdType(id).getIdPart()).toList();
        Set<String> types = new TreeSet<>(linkTypes.referencing(patientIds));
        types.remove(AUDIT_EVENT);
        types.add("Patient");
        search.add(Constants.PARAM_TYPE,
                new StringAndListParam().addAnd(new StringOrListParam().add(new StringParam(String.join(",", types)))));
    }

    /** Every value of a parameter, comma-separated lists split. */
    private static List<String> values(SearchParameterMap search, String name) {
        List<List<IQueryParameterType>> and = search.get(name);
        if (and == null) {
            return List.of();
        }
        return and.stream().flatMap(List::stream)
                .map(EverythingWithoutAuditTrail::rawValue)
                .flatMap(csv -> Arrays.stream(csv.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    private static String rawValue(IQueryParameterType value) {
        if (value instanceof StringParam string) {
            return string.getValue();
        }
        if (value instanceof TokenParam token) {
            return token.getValue();
        }
        return value.getValueAsQueryToken(null);
    }
}
