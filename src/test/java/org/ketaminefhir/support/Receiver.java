package org.ketaminefhir.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real HTTP endpoint on loopback that records every request it gets, for rest-hook Subscriptions to notify. It
 * answers with the queued status codes in turn, then with {@link #answerAlways(int)}'s (200 unless changed).
 */
public final class Receiver implements AutoCloseable {

    /** One request as the receiver got it; header names in lower case. */
    public record Request(String method, String path, Map<String, String> headers, String body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> nextAnswers = new ConcurrentLinkedQueue<>();
    private volatile int answer = 200;

    private Receiver(HttpServer server) {
        this.server = server;
    }

    public static Receiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "test-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    /** The endpoint to give a Subscription, e.g. {@code http://localhost:40123/hook}. */
    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    public void answerNext(int... statuses) {
        for (int status : statuses) {
            nextAnswers.add(status);
        }
    }

    public void answerAlways(int status) {
        answer = status;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until the receiver has got at least {@code count} requests matching the filter, and returns those. */
    public List<Request> await(int count, Predicate<Request> filter, Duration timeout) {
        return Poll.until(() -> requests.stream().filter(filter).toList(), matching -> matching.size() >= count, timeout);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(headers),
                body, Instant.now()));
        Integer queued = nextAnswers.poll();
        exchange.sendResponseHeaders(queued != null ? queued : answer, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** All requests, for a failure message. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        requests.forEach(r -> lines.add(r.method() + " " + r.path() + " " + r.header("X-Notification-Id")));
        return lines.toString();
    }
}
