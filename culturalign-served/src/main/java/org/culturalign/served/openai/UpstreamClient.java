package org.culturalign.served.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.culturalign.model.ModelException;

/**
 * Forwards raw requests to an OpenAI-compatible server and hands back the raw response (status, headers, body as a
 * stream), for the steering proxy: the same {@link HttpClient} set-up as the {@code openai:} backend (HTTP/1.1,
 * connect timeout), its back-off ({@link RetryPolicy}) and its error wording ({@link ApiErrors}).
 *
 * <p>Unlike the backend, a response with any status is returned, not retried: the proxy passes 4xx/5xx and their
 * {@code Retry-After} to its caller, who decides. Only failures where the upstream answered nothing at all are retried
 * here, up to {@code connectRetries} times with the policy's back-off: a refused connection (nothing was sent), and a
 * connection that closed before a single response byte ({@code "header parser received no bytes"}: typically a
 * pooled keep-alive connection the upstream had already closed, a race the JDK client loses under load). A timeout
 * or a connection cut after response bytes is not retried (the upstream may have started generating).
 *
 * <p>The API key is sent as {@code Authorization: Bearer} and never appears in a message or {@link #toString}.
 */
public final class UpstreamClient {
    /** A failure before any response arrived. */
    public static final class UpstreamException extends ModelException {
        private static final long serialVersionUID = 1L;
        private final boolean timeout;

        UpstreamException(String message, boolean timeout, Throwable cause) {
            super(message, true, cause);
            this.timeout = timeout;
        }

        /** True for no reply within the timeout (a gateway maps it to 504), false for no connection (502). */
        public boolean timeout() {
            return timeout;
        }
    }

    /**
     * A response as received.
     *
     * @param status  the HTTP status
     * @param headers the response headers
     * @param body    the body, to be read and closed by the caller (closing early aborts the exchange)
     */
    public record Response(int status, HttpHeaders headers, InputStream body) {
    }

    private final URI baseUrl;
    private final String publicBaseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final int connectRetries;
    private final HttpClient http;
    private final RetryPolicy retry = new RetryPolicy(Clock.systemUTC(), new Random());

    /**
     * @param baseUrl        the API root including its version path, e.g. {@code http://127.0.0.1:8000/v1}
     * @param apiKey         the upstream key, or null/blank for none
     * @param timeout        connect timeout and the wait for the response headers (not for a streamed body)
     * @param connectRetries retries of a refused connection, &gt;= 0
     */
    public UpstreamClient(URI baseUrl, String apiKey, Duration timeout, int connectRetries) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.baseUrl = URI.create(base);
        this.publicBaseUrl = this.baseUrl.getUserInfo() == null ? base
                : base.replace(this.baseUrl.getRawUserInfo() + "@", "");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.timeout = timeout;
        this.connectRetries = Math.max(0, connectRetries);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The base URL without user info, for messages. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /**
     * Sends one request and returns the response, whatever its status.
     *
     * @param method  {@code GET} or {@code POST}
     * @param path    the path below the base URL, e.g. {@code /chat/completions}
     * @param body    the request body (POST), or null
     * @param headers extra request headers (e.g. Content-Type, Accept); Authorization is set here
     * @throws UpstreamException when no response arrived (refused after the retries, timeout, cut connection)
     */
    public Response send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(rb::header);
        if (apiKey != null) {
            rb.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest request = rb.build();
        String context = method + " " + publicBaseUrl + path;
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                return new Response(r.statusCode(), r.headers(), r.body());
            } catch (ConnectException e) {
                if (attempt >= connectRetries) {
                    throw new UpstreamException("upstream " + context + ": cannot connect to " + publicBaseUrl
                            + " after " + (attempt + 1) + " attempt(s) (is the server running?)", false, e);
                }
            } catch (HttpTimeoutException e) {
                throw new UpstreamException("upstream " + context + ": no reply within " + timeout.toMillis() / 1000.0
                        + " s", true, e);
            } catch (IOException e) {
                if (noResponseByte(e) && attempt < connectRetries) {
                    continue; // a stale pooled connection: nothing came back, send again at once
                }
                throw new UpstreamException("upstream " + context + ": connection failed: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                        false, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException("upstream " + context + ": interrupted", false, e);
            }
            try {
                Thread.sleep(retry.wait(attempt, null, Duration.ofSeconds(2)).duration().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException("upstream " + context + ": interrupted while waiting to retry", false, e);
            }
        }
    }

    /** Whether the exchange failed before any response byte arrived (the JDK client's wording). */
    private static boolean noResponseByte(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("header parser received no bytes")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a status may succeed when repeated (408, 409, 429, 5xx), as the {@code openai:} backend decides. */
    public static boolean retriableStatus(int status) {
        return RetryPolicy.retriableStatus(status);
    }

    /** The upstream's error message in one line, from an error body of any known shape (or a quote of it). */
    public static String errorMessage(String body) {
        return ApiErrors.message(body);
    }

    @Override
    public String toString() {
        return "UpstreamClient[" + publicBaseUrl + ", api key " + (apiKey == null ? "none" : "set (redacted)") + "]";
    }
}
