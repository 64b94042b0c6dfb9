package org.ketaminefhir.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteConflictRetryInterceptorTest {

    @ParameterizedTest(name = "{0} conditional={1} ifMatch={2} id={3} → retry={4}")
    @CsvSource({
        "CREATE, true, false, , true",
        "CREATE, false, false, , true",
        "UPDATE, false, false, , true",
        "UPDATE, false, false, Patient/12, true",
        "UPDATE, false, true, , false",
        "TRANSACTION, false, false, , true",
        "TRANSACTION, false, true, , false",
        "PATCH, false, false, Patient/12, false",
        "DELETE, false, false, Patient/12, false"
    })
    void retriesWritesAndTransactionsUnlessVersionChecked(
            RestOperationTypeEnum operation, boolean ifNoneExist, boolean ifMatch, String id, boolean retry) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRestOperationType(operation);
        if (ifNoneExist) {
            request.addHeader("If-None-Exist", "identifier=urn:x|1");
        }
        if (ifMatch) {
            request.addHeader("If-Match", "W/\"1\"");
        }
        if (id != null) {
            request.setId(new IdType(id));
        }

        ResourceVersionConflictResolutionStrategy strategy =
                new WriteConflictRetryInterceptor().onVersionConflict(request);

        assertThat(strategy.isRetry()).isEqualTo(retry);
        assertThat(strategy.getMaxRetries()).isEqualTo(retry ? WriteConflictRetryInterceptor.MAX_RETRIES : 0);
    }
}
