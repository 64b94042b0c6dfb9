package org.ketaminefhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.ketaminefhir.security.rules.GrantedScopes;
import org.ketaminefhir.security.rules.Permission;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * A Subscription makes the server send every matching resource to the client's endpoint, whoever the patient, so a
 * client may only write one for a resource type it could read in full anyway: a system or user read scope on that
 * type. Without this, {@code system/Subscription.cu} alone would leak every Observation.
 */
@Interceptor
public class SubscriptionScopeCheck implements RequestScopedInterceptor {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated) {
        check(updated);
    }

    private static void check(IBaseResource resource) {
        if (!(resource instanceof Subscription subscription) || !subscription.hasCriteria()) {
            return;
        }
        String criteria = subscription.getCriteria();
        String type = criteria.contains("?") ? criteria.substring(0, criteria.indexOf('?')).trim() : criteria.trim();
        GrantedScopes granted = CurrentToken.grantedScopes();
        if (!granted.grantsBeyondOnePatient(Permission.READ, type)) {
            throw new ForbiddenOperationException("A Subscription to " + type + " sends every matching " + type
                    + " to its endpoint; the token needs system/" + type + ".rs (or user/" + type + ".rs) to write it");
        }
    }
}
