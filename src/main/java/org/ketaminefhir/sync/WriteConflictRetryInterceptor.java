package org.ketaminefhir.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.springframework.stereotype.Component;

/**
 * When two clients race on the same conditional create or update (an EHR posting one record from two workers), HAPI
 * lets one win and fails the others with a conflict. Re-running the loser makes its condition match the winner's
 * resource, so every client gets the one resource back instead of a 409. The same holds for writes whose only conflict
 * is in what the server derives from them (two readings of one session both updating its alert): the loser's whole
 * write was rolled back, so re-running it cannot duplicate anything. Transactions are re-run whole for the same reason.
 * Version-checked updates ({@code If-Match}) are never retried: their 409 is the answer the client asked for.
 */
@Component
@Interceptor
public class WriteConflictRetryInterceptor {

    static final int MAX_RETRIES = 4;

    @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
    public ResourceVersionConflictResolutionStrategy onVersionConflict(RequestDetails request) {
        ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
        if (request != null && isRetryable(request)) {
            strategy.setRetry(true);
            strategy.setMaxRetries(MAX_RETRIES);
        }
        return strategy;
    }

    static boolean isRetryable(RequestDetails request) {
        if (request.getHeader("If-Match") != null) {
            return false;
        }
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null) {
            return false;
        }
        return switch (operation) {
            case CREATE, UPDATE, TRANSACTION -> true;
            default -> false;
        };
    }
}
