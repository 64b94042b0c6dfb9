package org.ketaminefhir.subscription.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaminefhir.subscription.rules.RestHookChannel.Header;

class RestHookChannelTest {

    private static final Pattern HTTPS = Pattern.compile("https://.+");

    @Test
    void aChannelWithAPayloadSendsTheResourceUnderTheEndpoint() {
        RestHookChannel channel = read("https://ehr.example.org/fhir/", "application/fhir+json; fhirVersion=4.0",
                List.of("Authorization: Bearer abc", "X-Clinic:  north ")).channel().orElseThrow();

        assertThat(channel.payload()).contains("application/fhir+json");
        assertThat(channel.headers()).containsExactly(new Header("Authorization", "Bearer abc"),
                new Header("X-Clinic", "north"));
        assertThat(channel.target("DetectedIssue", "42"))
                .isEqualTo(URI.create("https://ehr.example.org/fhir/DetectedIssue/42"));
        assertThat(channel.sendsXml()).isFalse();
    }

    @Test
    void aChannelWithoutPayloadIsAPingToTheEndpoint() {
        RestHookChannel channel = read("https://ehr.example.org/hook", " ", List.of()).channel().orElseThrow();

        assertThat(channel.payload()).isEmpty();
        assertThat(channel.target("Observation", "7")).isEqualTo(URI.create("https://ehr.example.org/hook"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''                           | Subscription.channel.endpoint is required for a rest-hook",
        "/relative/hook               | Subscription.channel.endpoint must be an absolute http or https URL",
        "file:///etc/passwd           | Subscription.channel.endpoint must be an absolute http or https URL",
        "http://ehr.example.org/hook  | Subscription.channel.endpoint http://ehr.example.org/hook is not allowed by this"
                + " server (ketamine.subscriptions.allowed-endpoints)",
        "https://ehr example.org/hook | Subscription.channel.endpoint is not a valid URL: Illegal character in authority",
    })
    void endpointsOutsideThePolicyAreRefused(String endpoint, String problem) {
        assertThat(read(endpoint, null, List.of()).problems()).containsExactly(problem);
    }

    @Test
    void payloadsAndHeadersMustBeUsable() {
        assertThat(read("https://ehr.example.org/hook", "text/csv",
                List.of("no colon", "Bad Name: x", "X-Bell: ring\u0007", "Host: intranet", "content-length: 0")).problems())
                .containsExactly(
                        "Subscription.channel.payload must be empty or one of [application/fhir+json,"
                                + " application/fhir+xml, application/json, application/xml]",
                        "Subscription.channel.header must read 'Name: value' on one line",
                        "Subscription.channel.header must read 'Name: value' on one line",
                        "Subscription.channel.header must read 'Name: value' on one line",
                        "Subscription.channel.header may not set Host; the server sets it",
                        "Subscription.channel.header may not set content-length; the server sets it");
    }

    private static RestHookChannel.Result read(String endpoint, String payload, List<String> headers) {
        return RestHookChannel.read(endpoint, payload, headers, HTTPS);
    }
}
