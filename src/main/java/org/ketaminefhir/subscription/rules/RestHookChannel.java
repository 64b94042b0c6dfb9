package org.ketaminefhir.subscription.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The delivery half of an R4 rest-hook Subscription: where notifications go, what they carry and which headers the
 * receiver asked for. Without a payload a notification is an empty POST to the endpoint; with one, the resource is
 * sent as an update, {@code PUT [endpoint]/[type]/[id]} (FHIR R4 Subscription, channel.payload).
 */
public record RestHookChannel(URI endpoint, Optional<String> payload, List<Header> headers) {

    /** The payload types a notification can carry: FHIR's JSON and XML formats. */
    public static final Set<String> PAYLOAD_TYPES =
            Set.of("application/fhir+json", "application/json", "application/fhir+xml", "application/xml");

    /** Headers the server sets itself, or that HTTP clients may not set. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type", "connection",
            "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection",
            "x-notification-id");
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*([^\\r\\n]*)");

    public record Header(String name, String value) {}

    public RestHookChannel {
        headers = List.copyOf(headers);
    }

    /**
     * Reads and checks a channel; the problems are listed in words a client can act on. The endpoint must be an
     * absolute http(s) URL matching {@code allowedEndpoints}, which keeps the server from being used to reach
     * addresses it should not (server-side request forgery).
     */
    public static Result read(String endpoint, String payload, List<String> headerLines, Pattern allowedEndpoints) {
        List<String> problems = new ArrayList<>();
        URI uri = null;
        if (endpoint == null || endpoint.isBlank()) {
            problems.add("Subscription.channel.endpoint is required for a rest-hook");
        } else {
            try {
                uri = new URI(endpoint);
                if (!uri.isAbsolute() || uri.getHost() == null
                        || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                    problems.add("Subscription.channel.endpoint must be an absolute http or https URL");
                } else if (!allowedEndpoints.matcher(endpoint).matches()) {
                    problems.add("Subscription.channel.endpoint " + endpoint
                            + " is not allowed by this server (ketamine.subscriptions.allowed-endpoints)");
                }
            } catch (URISyntaxException e) {
                problems.add("Subscription.channel.endpoint is not a valid URL: " + e.getReason());
            }
        }
        Optional<String> mime = Optional.ofNullable(payload).map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> p.split(";")[0].trim().toLowerCase(Locale.ROOT));
        if (mime.isPresent() && !PAYLOAD_TYPES.contains(mime.get())) {
            problems.add("Subscription.channel.payload must be empty or one of " + PAYLOAD_TYPES.stream().sorted().toList());
        }
        List<Header> headers = new ArrayList<>();
        for (String line : headerLines) {
            var matcher = line == null ? null : HEADER.matcher(line);
            if (matcher == null || !matcher.matches() || matcher.group(2).chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                problems.add("Subscription.channel.header must read 'Name: value' on one line");
            } else if (RESERVED_HEADERS.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                problems.add("Subscription.channel.header may not set " + matcher.group(1) + "; the server sets it");
            } else {
                headers.add(new Header(matcher.group(1), matcher.group(2).trim()));
            }
        }
        return problems.isEmpty()
                ? new Result(Optional.of(new RestHookChannel(uri, mime, headers)), List.of())
                : new Result(Optional.empty(), List.copyOf(problems));
    }

    public record Result(Optional<RestHookChannel> channel, List<String> problems) {}

    /** Where a notification about {@code type/id} is sent: the endpoint itself, or the resource's URL under it. */
    public URI target(String type, String id) {
        if (payload.isEmpty()) {
            return endpoint;
        }
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + type + "/" + id);
    }

    public boolean sendsXml() {
        return payload.filter(p -> p.endsWith("xml")).isPresent();
    }
}
