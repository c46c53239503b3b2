package org.culturalign.served.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.culturalign.model.ModelException;
import org.culturalign.model.RetryEvent;
import org.culturalign.model.RetryObserver;

/**
 * POSTs JSON to an OpenAI-compatible server with bounded concurrency (a semaphore of {@code concurrency} permits),
 * per-request timeouts and retries of retriable failures (see {@link RetryPolicy}). A retry never waits longer than
 * {@code max_retry_wait_s}, nor the retries of one request longer than {@code max_retry_total_s} in total: a server
 * asking for more stops the request with a {@link ModelException} saying who asked for how long, instead of a silent
 * hang. Every wait is told to the {@link RetryObserver} ({@link #observer}) before and after it happens. Every failure
 * is a {@link ModelException} classified retriable or not, whose message names the endpoint, the model and a prompt
 * summary, and never the API key.
 */
final class OpenAiClient {
    /** Waits between retries; tests record instead of sleeping. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiSettings settings;
    private final String apiKey;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private volatile RetryObserver observer = RetryObserver.NONE;

    /**
     * @param apiKey the key sent as {@code Authorization: Bearer}, or null for none
     */
    OpenAiClient(OpenAiSettings settings, String apiKey, RetryPolicy retry, Sleeper sleeper) {
        this.settings = settings;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.inFlight = new Semaphore(settings.concurrency(), true);
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** Reports retries to {@code o} from now on ({@link RetryObserver#NONE} for none). */
    void observer(RetryObserver o) {
        observer = o == null ? RetryObserver.NONE : o;
    }

    /**
     * POSTs {@code body} to {@code path} (e.g. {@code /completions}) and returns the parsed JSON reply.
     *
     * @param promptSummary a one-line prompt summary for error messages
     * @throws ModelException after the last attempt, retriable or not; retriable also when the request stops
     *                        because the next wait would be longer than {@code max_retry_wait_s} (asked by the
     *                        server) or would take the request's waits beyond {@code max_retry_total_s}
     */
    JsonNode post(String path, ObjectNode body, String promptSummary) {
        URI url = settings.url(path);
        String context = "POST " + settings.publicBaseUrl() + path + " (model " + settings.model() + ", prompt \""
                + promptSummary + "\")";
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new ModelException("openai: cannot encode the request for " + context, false, e);
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (apiKey != null) {
            rb.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest request = rb.build();
        int attempts = settings.maxRetries() + 1;
        Duration waited = Duration.ZERO;
        for (int attempt = 0; ; attempt++) {
            Failure failure;
            HttpHeaders headers = null;
            try {
                HttpResponse<String> response = send(request);
                headers = response.headers();
                failure = check(response);
                if (failure == null) {
                    return JSON.readTree(response.body());
                }
            } catch (HttpTimeoutException e) {
                failure = new Failure("no reply within " + settings.timeout().toMillis() / 1000.0
                        + " s (timeout_s)", true, "timeout");
            } catch (ConnectException e) {
                failure = new Failure("cannot connect to " + settings.publicBaseUrl() + " (is the server running?)",
                        true, "connection");
            } catch (IOException e) {
                failure = new Failure("connection failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, "connection");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("openai: interrupted during " + context, false, e);
            }
            if (!failure.retriable) {
                throw new ModelException("openai: " + context + " failed (not retried): " + failure.message, false);
            }
            String tried = " after " + (attempt + 1) + " attempt(s): ";
            if (attempt + 1 >= attempts) {
                observer.gaveUp(event(failure, Duration.ZERO, attempt));
                throw new ModelException("openai: " + context + " failed" + tried + failure.message, true);
            }
            RetryPolicy.Wait wait = retry.wait(attempt, headers, settings.maxRetryWait());
            Duration d = wait.duration();
            if (wait.serverAsked() && d.compareTo(settings.maxRetryWait()) > 0) {
                observer.gaveUp(event(failure, d, attempt));
                throw new ModelException("openai: " + context + " stopped" + tried + settings.server() + " answered "
                        + failure.message + " and asks to wait " + RetryEvent.seconds(d) + " (" + wait.header()
                        + "), more than max_retry_wait_s=" + arg(settings.maxRetryWait()) + " allows: try again "
                        + "later, or raise max_retry_wait_s", true);
            }
            if (waited.plus(d).compareTo(settings.maxRetryTotal()) > 0) {
                observer.gaveUp(event(failure, d, attempt));
                throw new ModelException("openai: " + context + " stopped" + tried + failure.message + "; retry "
                        + (attempt + 1) + " would wait " + RetryEvent.seconds(d) + " after "
                        + RetryEvent.seconds(waited) + " of waiting, more than max_retry_total_s="
                        + arg(settings.maxRetryTotal()) + " allows per request: try again later, or raise "
                        + "max_retry_total_s", true);
            }
            RetryEvent e = event(failure, d, attempt);
            RetryObserver o = observer;
            o.waiting(e);
            try {
                sleeper.sleep(d);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ModelException("openai: interrupted while waiting to retry " + context, false, ie);
            } finally {
                o.waited(e);
            }
            waited = waited.plus(d);
        }
    }

    private RetryEvent event(Failure failure, Duration wait, int attempt) {
        return new RetryEvent(settings.server(), failure.status, failure.message, wait, attempt + 1,
                settings.maxRetries());
    }

    /** A duration as a model arg value in seconds: {@code 120}, {@code 0.5}. */
    private static String arg(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    /** GETs {@code path} once (no retries), for cheap facts such as {@code /models}; empty on any failure. */
    Optional<JsonNode> getQuietly(String path, Duration timeout) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(settings.url(path)).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (apiKey != null) {
            rb.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> r = send(rb.build());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        inFlight.acquire();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            inFlight.release();
        }
    }

    /** Null when the response is a usable JSON reply. */
    private static Failure check(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status / 100 == 2) {
            try {
                JsonNode n = JSON.readTree(body);
                if (n == null || !n.isObject()) {
                    return new Failure("HTTP " + status + " with a body that is not a JSON object: \""
                            + ApiErrors.quote(String.valueOf(body)) + "\"", true, Integer.toString(status));
                }
                if (n.has("error") && !n.has("choices")) {
                    return new Failure("HTTP " + status + " carrying an error: " + ApiErrors.message(body), false,
                            Integer.toString(status));
                }
                return null;
            } catch (IOException e) {
                // a cut connection or a proxy's garbage: repeating may well succeed
                return new Failure("HTTP " + status + " with a malformed or truncated JSON body: \""
                        + ApiErrors.quote(String.valueOf(body)) + "\"", true, Integer.toString(status));
            }
        }
        return new Failure("HTTP " + status + ": " + ApiErrors.message(body) + hint(status),
                RetryPolicy.retriableStatus(status), Integer.toString(status));
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the API key: OPENAI_API_KEY or the variable named by the api_key_env model arg)";
            case 404 -> " (check that the base URL ends with the API version, e.g. /v1, and the model name; "
                    + "GET /v1/models lists the served models)";
            default -> "";
        };
    }

    /**
     * @param status the HTTP status as digits, {@code "timeout"} or {@code "connection"} ({@link RetryEvent#status})
     */
    private record Failure(String message, boolean retriable, String status) {
    }

    @Override
    public String toString() {
        return "OpenAiClient[" + settings.publicBaseUrl() + "#" + settings.model() + ", api key "
                + (apiKey == null ? "none" : "set (redacted)") + "]";
    }
}
