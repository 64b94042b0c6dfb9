package org.ketaminefhir.session;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;

/** Evaluates a session's safety alerts whenever one of its vital-sign readings is created, corrected or deleted. */
@Interceptor
public class SafetyAlertInterceptor {

    private final SessionAlerts alerts;

    SafetyAlertInterceptor(SessionAlerts alerts) {
        this.alerts = alerts;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, TransactionDetails transaction) {
        if (resource instanceof Observation observation) {
            alerts.readingStored(observation, transaction, false);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated, TransactionDetails transaction) {
        if (updated instanceof Observation observation) {
            alerts.readingStored(observation, transaction, true);
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Observation observation) {
            alerts.readingDeleted(observation);
        }
    }
}
