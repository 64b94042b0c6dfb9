package org.ketaminefhir.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientErrorTranslationTest {

    private static final Map<String, String[]> COUNT_ABC = Map.of("_count", new String[] {"abc"});

    private static Optional<String> get(Throwable error, String operation, Map<String, String[]> parameters) {
        return ClientErrorTranslation.clientError(error, "GET", operation, parameters, "");
    }

    private static Optional<String> post(Throwable error, String operation, String body) {
        return ClientErrorTranslation.clientError(error, "POST", operation, Map.of(), body);
    }

    @Test
    void aNumberFromTheRequestThatCouldNotBeReadIsTheClientsError() {
        assertThat(get(new NumberFormatException("For input string: \"abc\""), "$everything", COUNT_ABC))
                .contains("parameter _count must be a whole number within range, not 'abc'");
    }

    @Test
    void theNumberIsFoundBehindHapisWrapping() {
        InternalErrorException wrapped = new InternalErrorException(
                "HAPI-0389: Failed to call access method", new NumberFormatException("For input string: \"\""));

        assertThat(get(wrapped, "$diff", Map.of("fromVersion", new String[] {""})))
                .contains("parameter fromVersion must be a whole number within range, not ''");
    }

    @Test
    void aNumberSentInTheParametersBodyIsTheClientsError() {
        assertThat(post(new NumberFormatException("For input string: \"abc\""), "$diff",
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"fromVersion\",\"valueString\":\"abc\"}]}"))
                .contains("a parameter must be a whole number within range, not 'abc'");
    }

    @Test
    void aNumberTheRequestDidNotSendStaysAServerError() {
        assertThat(get(new NumberFormatException("For input string: \"17x\""), "$everything", COUNT_ABC)).isEmpty();
        assertThat(post(new NumberFormatException("For input string: \"17x\""), "$diff", "{\"x\":\"abc\"}")).isEmpty();
        assertThat(ClientErrorTranslation.clientError(
                        new NumberFormatException("For input string: \"abc\""), "GET", null, null, null))
                .isEmpty();
    }

    @Test
    void aNegativeOffsetIsTheClientsError() {
        assertThat(post(new IllegalArgumentException("HAPI-2223: first-result value cannot be negative : -1"),
                        "$everything", "{}"))
                .contains("_offset must not be negative");
    }

    @Test
    void aComplexParameterInTheUrlIsTheClientsErrorOnlyForGet() {
        IllegalStateException error = new IllegalStateException(
                "HAPI-1784: Failed to instantiate org.hl7.fhir.instance.model.api.IBaseReference");

        assertThat(get(error, "$hapi.fhir.merge", Map.of()))
                .contains("$hapi.fhir.merge takes a parameter of a complex type (such as a Reference or Coding) that "
                        + "cannot be given in the URL; POST a Parameters resource instead");
        assertThat(post(error, "$hapi.fhir.merge", "{}")).isEmpty();
    }

    @Test
    void aParameterOfTheWrongKindInTheBodyIsTheClientsError() {
        assertThat(post(new IllegalStateException("HAPI-1716: Resource class[org.hl7.fhir.instance.model.api."
                        + "IBaseResource] does not contain any valid HAPI-FHIR annotations"), "$validate", "{}"))
                .contains("$validate was given a parameter of the wrong kind: a resource where a value belongs, or a "
                        + "value where a resource belongs");
        assertThat(post(new ClassCastException("class org.hl7.fhir.r4.model.Basic cannot be cast to class "
                        + "org.hl7.fhir.r4.model.ValueSet (org.hl7.fhir.r4.model.Basic and ... are in unnamed module)"),
                        "$expand", "{}"))
                .contains("$expand was given a Basic where it expects a ValueSet");
    }

    @Test
    void searchValuesHapiRefusesWithAnInternalErrorAreTheClientsError() {
        assertThat(get(new InternalErrorException("HAPI-1230: Invalid position format 'abc'.  Required format is "
                        + "'latitude|longitude'"), null, Map.of()))
                .contains("HAPI-1230: Invalid position format 'abc'.  Required format is 'latitude|longitude'");
        assertThat(ClientErrorTranslation.clientError(new InternalErrorException("HAPI-0831: Expansion of ValueSet "
                        + "produced too many codes"), "POST", null, Map.of(), "{}"))
                .isEmpty();
    }

    @Test
    void aMissingRequiredParameterOfTheListedOperationsIsNamed() {
        assertThat(get(new NullPointerException(), "$subsumes", Map.of()))
                .contains("$subsumes needs codeA and codeB with system, or codingA and codingB");
        assertThat(post(new InternalErrorException("x", new ClassCastException()), "$export-poll-status", "{}"))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("$export-poll-status needs the parameter _jobId"));
    }

    @Test
    void anyOtherFailureStaysAServerError() {
        assertThat(get(new NullPointerException(), "$everything", Map.of())).isEmpty();
        assertThat(post(new ClassCastException("class java.lang.String cannot be cast to class java.lang.Long"),
                        "$everything", "{}"))
                .isEmpty();
        assertThat(post(new IllegalStateException("disk full"), null, "{}")).isEmpty();
    }
}
