package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientErrorTranslationTest {

    private static final Map<String, String[]> COUNT_ABC = Map.of("_count", new String[] {"abc"});

    @Test
    void aNumberFromTheRequestThatCouldNotBeReadIsTheClientsError() {
        assertThat(ClientErrorTranslation.clientError(
                        new NumberFormatException("For input string: \"abc\""), "GET", "$everything", COUNT_ABC))
                .contains("parameter _count must be a whole number within range, not 'abc'");
    }

    @Test
    void theNumberIsFoundBehindHapisWrapping() {
        InternalErrorException wrapped = new InternalErrorException(
                "HAPI-0389: Failed to call access method", new NumberFormatException("For input string: \"\""));

        assertThat(ClientErrorTranslation.clientError(wrapped, "GET", "$diff", Map.of("fromVersion", new String[] {""})))
                .contains("parameter fromVersion must be a whole number within range, not ''");
    }

    @Test
    void aNumberTheRequestDidNotSendStaysAServerError() {
        assertThat(ClientErrorTranslation.clientError(
                        new NumberFormatException("For input string: \"17x\""), "GET", "$everything", COUNT_ABC))
                .isEmpty();
        assertThat(ClientErrorTranslation.clientError(
                        new NumberFormatException("For input string: \"abc\""), "GET", null, null))
                .isEmpty();
    }

    @Test
    void aComplexParameterInTheUrlIsTheClientsErrorOnlyForGet() {
        IllegalStateException error = new IllegalStateException(
                "HAPI-1784: Failed to instantiate org.hl7.fhir.instance.model.api.IBaseReference");

        assertThat(ClientErrorTranslation.clientError(error, "GET", "$hapi.fhir.merge", Map.of()))
                .contains("$hapi.fhir.merge takes a parameter of a complex type (such as a Reference or Coding) that "
                        + "cannot be given in the URL; POST a Parameters resource instead");
        assertThat(ClientErrorTranslation.clientError(error, "POST", "$hapi.fhir.merge", Map.of())).isEmpty();
    }

    @Test
    void aMissingRequiredParameterOfTheListedOperationsIsNamed() {
        assertThat(ClientErrorTranslation.clientError(new NullPointerException(), "GET", "$subsumes", Map.of()))
                .contains("$subsumes needs codeA and codeB with system, or codingA and codingB");
        assertThat(ClientErrorTranslation.clientError(
                        new InternalErrorException("x", new ClassCastException()), "POST", "$export-poll-status",
                        Map.of()))
                .hasValueSatisfying(message -> assertThat(message).startsWith("$export-poll-status needs the parameter _jobId"));
    }

    @Test
    void anyOtherFailureStaysAServerError() {
        assertThat(ClientErrorTranslation.clientError(new NullPointerException(), "GET", "$everything", Map.of()))
                .isEmpty();
        assertThat(ClientErrorTranslation.clientError(new IllegalStateException("disk full"), "POST", null, Map.of()))
                .isEmpty();
    }
}
