package org.ketaminefhir.security;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import org.ketaminefhir.security.rules.GrantedScopes;
import org.ketaminefhir.security.rules.ScopeContext;

/**
 * A token limited to one patient narrows every search to that patient's compartment, so {@code Observation?code=...}
 * returns the patient's own Observations instead of being refused for not naming the patient.
 */
@Interceptor
public class PatientSearchNarrowing extends SearchNarrowingInterceptor {

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        GrantedScopes granted = CurrentToken.grantedScopes();
        boolean onlyPatientScopes = !granted.isEmpty()
                && granted.scopes().stream().allMatch(s -> s.context() == ScopeContext.PATIENT);
        if (!onlyPatientScopes) {
            return null;
        }
        return new AuthorizedList().addCompartment("Patient/" + granted.patient().orElseThrow());
    }
}
