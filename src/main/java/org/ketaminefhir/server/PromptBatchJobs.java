package org.ketaminefhir.server;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.springframework.stereotype.Component;

/**
 * HAPI moves batch jobs on (starts a queued job, opens a job's next step) at its maintenance pass, which runs once a
 * minute, so a small bulk export would take minutes. A pass is triggered as soon as an export is kicked off and
 * whenever a client polls its status; the export then takes seconds, and without polling it still progresses.
 */
@Component
@Interceptor
class PromptBatchJobs {

    private final IJobMaintenanceService maintenance;

    PromptBatchJobs(IJobMaintenanceService maintenance) {
        this.maintenance = maintenance;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(RequestDetails request) {
        if ("$export".equals(request.getOperation()) || "$export-poll-status".equals(request.getOperation())) {
            maintenance.triggerMaintenancePass();
        }
    }
}
