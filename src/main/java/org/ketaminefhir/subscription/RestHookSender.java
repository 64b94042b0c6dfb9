package org.ketaminefhir.subscription;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ketaminefhir.subscription.rules.RestHookChannel;

/**
 * Sends one notification over HTTP. Redirects are not followed: the endpoint was checked when the Subscription was
 * accepted, a redirect target was not.
 */
class RestHookSender {

    /** Carries {@link PendingNotification#deliveryId()}, the same on every retry, so a receiver can drop repeats. */
    static final String DELIVERY_ID_HEADER = "X-Notification-Id";

    private final HttpClient client;
    private final Duration timeout;

    RestHookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Empty when the receiver accepted the notification (2xx); otherwise what went wrong. */
    Optional<String> send(RestHookChannel channel, String type, String id, String body, String deliveryId) {
        URI target = channel.target(type, id);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout);
        try {
            for (RestHookChannel.Header header : channel.headers()) {
                request.header(header.name(), header.value());
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(target + " cannot be called: " + e.getMessage());
        }
        request.header(DELIVERY_ID_HEADER, deliveryId);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", channel.payload().orElseThrow() + "; charset=UTF-8");
            request.PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        // The whole exchange, body included, must fit in the timeout: a receiver that trickles its answer would
        // otherwise hold a sender thread, and its lease would run out and the notification go out twice.
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        try {
            int status = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status < 300
                    ? Optional.empty()
                    : Optional.of(target + " answered HTTP " + status);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Optional.of(target + " did not answer within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(target + " could not be reached: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.of("delivery interrupted: the server is stopping");
        }
    }
}
