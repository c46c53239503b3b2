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

/**
 * POSTs JSON to an OpenAI-compatible server with bounded concurrency (a semaphore of {@code concurrency} permits),
 * per-request timeouts and retries of retriable failures (see {@link RetryPolicy}). Every failure is a
 * {@link ModelException} classified retriable or not, whose message names the endpoint, the model and a prompt
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

    /**
     * POSTs {@code body} to {@code path} (e.g. {@code /completions}) and returns the parsed JSON reply.
     *
     * @param promptSummary a one-line prompt summary for error messages
     * @throws ModelException after the last attempt, retriable or not
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
                        + " s (timeout_s)", true);
            } catch (ConnectException e) {
                failure = new Failure("cannot connect to " + settings.publicBaseUrl() + " (is the server running?)",
                        true);
            } catch (IOException e) {
                failure = new Failure("connection failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("openai: interrupted during " + context, false, e);
            }
            if (!failure.retriable || attempt + 1 >= attempts) {
                String tries = failure.retriable ? " after " + (attempt + 1) + " attempt(s)" : " (not retried)";
                throw new ModelException("openai: " + context + " failed" + tries + ": " + failure.message,
                        failure.retriable);
            }
            try {
                sleeper.sleep(retry.wait(attempt, headers));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("openai: interrupted while waiting to retry " + context, false, e);
            }
        }
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
                            + ApiErrors.quote(String.valueOf(body)) + "\"", true);
                }
                if (n.has("error") && !n.has("choices")) {
                    return new Failure("HTTP " + status + " carrying an error: " + ApiErrors.message(body), false);
                }
                return null;
            } catch (IOException e) {
                // a cut connection or a proxy's garbage: repeating may well succeed
                return new Failure("HTTP " + status + " with a malformed or truncated JSON body: \""
                        + ApiErrors.quote(String.valueOf(body)) + "\"", true);
            }
        }
        return new Failure("HTTP " + status + ": " + ApiErrors.message(body) + hint(status),
                RetryPolicy.retriableStatus(status));
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the API key: OPENAI_API_KEY or the variable named by the api_key_env model arg)";
            case 404 -> " (check that the base URL ends with the API version, e.g. /v1, and the model name; "
                    + "GET /v1/models lists the served models)";
            default -> "";
        };
    }

    private record Failure(String message, boolean retriable) {
    }

    @Override
    public String toString() {
        return "OpenAiClient[" + settings.publicBaseUrl() + "#" + settings.model() + ", api key "
                + (apiKey == null ? "none" : "set (redacted)") + "]";
    }
}
