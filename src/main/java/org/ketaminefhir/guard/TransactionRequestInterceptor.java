package org.ketaminefhir.guard;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Refuses a transaction or batch whose entries do not say clearly what to do (see {@link TransactionRequestCheck}):
 * 400 with one issue per problem, before any entry is authorized or processed.
 */
@Interceptor
public class TransactionRequestInterceptor {

    /**
     * HAPI's AuthorizationInterceptor hooks the same pointcut at order 0; a malformed entry must be reported as such,
     * not as an entry the token may not write.
     */
    private static final int BEFORE_AUTHORIZATION = -1;

    private static final String CODE = "KETA-GUARD-006: ";

    private final TransactionRequestCheck check = new TransactionRequestCheck();

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = BEFORE_AUTHORIZATION)
    public void checkEntries(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof Bundle bundle)) {
            return;
        }
        List<String> problems = check.problems(bundle);
        if (!problems.isEmpty()) {
            throw ErrorOutcomes.malformedBody(CODE, problems);
        }
    }
}
