package org.ketaminefhir.audit;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.ketaminefhir.server.RequestScopedInterceptor;

/**
 * HAPI's BALP interceptor, for client requests only: reads, searches and writes (including each entry of a
 * transaction) become AuditEvents. The server's own writes are not client activity and are not audited.
 */
@Interceptor
public class AuditTrail extends BalpAuditCaptureInterceptor implements RequestScopedInterceptor {

    public AuditTrail(IBalpAuditEventSink sink, IBalpAuditContextServices context) {
        super(sink, context);
    }
}
