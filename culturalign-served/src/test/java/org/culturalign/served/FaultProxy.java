package org.culturalign.served;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.culturalign.served.Loopback.Reply;

/**
 * A fault-injecting HTTP proxy on loopback, between a client and an OpenAI-compatible server: it forwards
 * {@code GET /v1/models}, {@code POST /v1/completions} and {@code POST /v1/chat/completions} to the upstream and, on the
 * POSTs numbered in its schedule (counted from 1 in arrival order), answers with a fault instead. Bounded: each
 * scheduled number is one fault, so a client that retries gets through. {@link Fault#NO_LOGPROBS} is instead applied
 * to every POST whose body matches a predicate (a content rule, so that a probe fails the same way however often it
 * is sent). Counts what it injected.
 */
public final class FaultProxy implements AutoCloseable {
    /** The faults a proxy can inject. */
    public enum Fault {
        /** The connection is closed before any reply. */
        DROP,
        /** The real reply, but only after the client's timeout. */
        DELAY,
        /** 429 with {@code Retry-After: 1} (seconds). */
        RETRY_AFTER_SECONDS,
        /** 429 with {@code Retry-After} an HTTP date 1-2 s ahead (RFC 1123, whole seconds). */
        RETRY_AFTER_DATE,
        /** 500 Internal Server Error with an OpenAI-style error body. */
        HTTP_500,
        /** 502 Bad Gateway with an HTML body, as a load balancer sends it. */
        HTTP_502,
        /** 503 Service Unavailable (a server still loading). */
        HTTP_503,
        /** 200 with the real reply's JSON cut in half (a complete HTTP response: the body is what is broken). */
        TRUNCATED,
        /** 200 with a body that is not JSON. */
        NOT_JSON,
        /** The real reply's headers and half its body, then the connection is closed. */
        RESET_MID_BODY,
        /** 200 with the real reply, its choices' logprobs removed (a server that does not return them). */
        NO_LOGPROBS
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Loopback server;
    private final String upstream;
    private final Map<Integer, Fault> schedule;
    private final Predicate<String> noLogprobs;
    private final long delayMs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger posts = new AtomicInteger();
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private volatile boolean healed;

    /**
     * @param upstream   the server's base URL, e.g. {@code http://127.0.0.1:PORT}
     * @param schedule   the fault of each scheduled POST number (1-based)
     * @param noLogprobs POST bodies answered without logprobs ({@code b -> false} for none)
     * @param delay      how long {@link Fault#DELAY} holds the reply (longer than the client's timeout)
     */
    public FaultProxy(String upstream, Map<Integer, Fault> schedule, Predicate<String> noLogprobs, Duration delay)
            throws IOException {
        this.upstream = upstream;
        this.schedule = Map.copyOf(schedule);
        this.noLogprobs = noLogprobs;
        this.delayMs = delay.toMillis();
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
        server = new Loopback();
        server.always("GET", "/v1/models", req -> forward(req).reply);
        server.always("POST", "/v1/completions", this::post);
        server.always("POST", "/v1/chat/completions", this::post);
    }

    /** The proxy's base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return server.url();
    }

    /** How many times each fault was injected so far. */
    public synchronized Map<Fault, Integer> injected() {
        Map<Fault, Integer> out = new EnumMap<>(Fault.class);
        injected.forEach((f, n) -> out.put(f, n.get()));
        return out;
    }

    /** From now on every request is forwarded untouched (the server recovered). */
    public void heal() {
        healed = true;
    }

    /** POSTs received so far (retries included). */
    public int posts() {
        return posts.get();
    }

    private record Forwarded(Reply reply, String body) {
    }

    private Forwarded forward(Loopback.Received req) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + req.path()))
                .header("Content-Type", "application/json");
        b = req.method().equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(req.body()))
                : b.GET();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Forwarded(Reply.json(r.statusCode(), r.body()), r.body());
        } catch (IOException e) {
            return new Forwarded(Reply.json(502, "{\"error\":{\"message\":\"upstream: " + e + "\"}}"), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply post(Loopback.Received req) {
        int n = posts.incrementAndGet();
        if (healed) {
            return forward(req).reply;
        }
        Fault f = schedule.get(n);
        if (f == null && noLogprobs.test(req.body())) {
            f = Fault.NO_LOGPROBS;
        }
        if (f == null) {
            return forward(req).reply;
        }
        injected.get(f).incrementAndGet();
        return switch (f) {
            case DROP -> throw new IllegalStateException("fault: connection dropped");
            case DELAY -> forward(req).reply.delayed(delayMs);
            case RETRY_AFTER_SECONDS -> Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":"
                    + "\"rate_limit_error\",\"code\":429}}").withHeader("Retry-After", "1");
            case RETRY_AFTER_DATE -> Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}")
                    .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).withNano(0)));
            case HTTP_500 -> Reply.json(500, "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}");
            case HTTP_502 -> Reply.of(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
            case HTTP_503 -> Reply.json(503, "{\"error\":{\"message\":\"model is loading\"}}");
            case TRUNCATED -> {
                String body = forward(req).body;
                yield Reply.json(200, body.substring(0, body.length() / 2));
            }
            case NOT_JSON -> Reply.of(200, "text/plain", "upstream said: OK");
            case RESET_MID_BODY -> {
                Reply r = forward(req).reply;
                yield r.cutAfter(r.body().length / 2);
            }
            case NO_LOGPROBS -> Reply.json(200, withoutLogprobs(forward(req).body));
        };
    }

    private static String withoutLogprobs(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            n.path("choices").forEach(c -> ((ObjectNode) c).remove("logprobs"));
            return n.toString();
        } catch (IOException e) {
            return body;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
