package org.ketaminefhir.security.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clinical scopes of one access token, with the patient in context. Patient scopes without a patient in context
 * grant nothing: there would be no compartment to limit them to.
 */
public record GrantedScopes(List<SmartScope> scopes, Optional<String> patient) {

    public GrantedScopes {
        scopes = List.copyOf(scopes);
    }

    /** From the token's space-separated {@code scope} claim and its {@code patient} claim (either may be absent). */
    public static GrantedScopes of(String scopeClaim, String patientClaim) {
        Optional<String> patient = Optional.ofNullable(patientClaim).filter(p -> !p.isBlank());
        List<SmartScope> scopes = new ArrayList<>();
        if (scopeClaim != null) {
            for (String scope : scopeClaim.trim().split("\\s+")) {
                SmartScope.parse(scope)
                        .filter(s -> s.context() != ScopeContext.PATIENT || patient.isPresent())
                        .ifPresent(scopes::add);
            }
        }
        return new GrantedScopes(scopes, patient);
    }

    /** Whether any scope grants the permission on any resource type, in any context. */
    public boolean grantsAny(Permission permission) {
        return scopes.stream().anyMatch(s -> s.allows(permission));
    }

    /** Whether any scope grants the permission on the resource type (in a patient's compartment, or beyond it). */
    public boolean grants(Permission permission, String resourceType) {
        return scopes.stream().anyMatch(s -> s.allows(permission)
                && (s.isForAllTypes() || s.resourceType().equals(resourceType)));
    }

    /**
     * Whether a system or user scope grants the permission on every resource of the type, not only on one patient's
     * (what a Subscription needs: it sends the server's matches to an endpoint of the client's choosing).
     */
    public boolean grantsBeyondOnePatient(Permission permission, String resourceType) {
        return scopes.stream().anyMatch(s -> s.context() != ScopeContext.PATIENT && s.allows(permission)
                && (s.isForAllTypes() || s.resourceType().equals(resourceType)));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }
}
