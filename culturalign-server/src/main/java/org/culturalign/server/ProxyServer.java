package org.culturalign.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.DemonstrationSelector;
import org.culturalign.served.openai.UpstreamClient;
import org.culturalign.survey.SurveyData;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The steering proxy: an OpenAI-compatible HTTP server (Javalin on Jetty 12) in front of an upstream
 * OpenAI-compatible server. Endpoints:
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: steered with demonstrations for the last user message, then forwarded;
 *       {@code "stream": true} responses (server-sent events) are passed through byte for byte as they arrive</li>
 *   <li>{@code POST /v1/completions}: a string {@code prompt} gets the demonstrations before it</li>
 *   <li>{@code GET /v1/models}: forwarded</li>
 *   <li>{@code GET /healthz}: {@code {"status":"ok"}}; {@code GET /metrics}: Prometheus text ({@link ProxyMetrics})</li>
 * </ul>
 * The target culture comes from {@code X-Culture-Country} / {@code X-Culture-Language}, a {@code model@DEU} suffix,
 * or the caller's key ({@link TargetCulture#resolve}); without one the body is forwarded unchanged, byte for byte.
 * Response headers: {@code X-Culture-Steering} ({@code steered} or {@code passthrough}), and when steered
 * {@code X-Culture-Country}, {@code -Language}, {@code -Source}, {@code -Selector}, {@code -Render},
 * {@code -Demonstrations} (ids, comma-separated, prompt order).
 *
 * <p>Errors are OpenAI-shaped ({@code {"error": {"message", "type", "code"}}}): 400 malformed JSON or request,
 * 401 no key, 403 wrong key, 413 body too large, 429 rate limit (with {@code Retry-After} in seconds), 502 upstream
 * unreachable, 504 upstream timeout; upstream statuses (e.g. 429 with {@code Retry-After}, 500) are passed through
 * with their body. The upstream key is only ever sent upstream.
 */
public final class ProxyServer implements AutoCloseable {
    /** Response headers copied from the upstream (besides {@code x-ratelimit-*}). */
    static final List<String> PASSED_HEADERS = List.of("content-type", "retry-after", "retry-after-ms",
            "x-request-id", "openai-processing-ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServeSettings settings;
    private final Steering steering;
    private final Callers callers;
    private final UpstreamClient upstream;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final AuditLog audit;
    private final Javalin app;

    private ProxyServer(ServeSettings settings, SurveyData data, DemonstrationSelector selector, String upstreamKey) {
        this.settings = settings;
        this.steering = new Steering(data, selector, settings.k(), settings.render(), settings.persona(),
                settings.seed());
        this.callers = new Callers(settings.keys());
        this.upstream = new UpstreamClient(settings.upstream(), upstreamKey, settings.upstreamTimeout(), 2);
        this.audit = settings.auditLog() == null ? null : new AuditLog(settings.auditLog(), settings.auditPrompts());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), 8, 60_000);
            pool.setName("culturalign-serve");
            config.jetty.threadPool = pool;
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    for (String origin : settings.corsOrigins()) {
                        rule.allowHost(origin);
                    }
                    for (String h : List.of("X-Culture-Steering", "X-Culture-Country", "X-Culture-Language",
                            "X-Culture-Source", "X-Culture-Selector", "X-Culture-Render", "X-Culture-Demonstrations",
                            "Retry-After")) {
                        rule.exposeHeader(h);
                    }
                }));
            }
            config.routes.post("/v1/chat/completions", ctx -> forward(ctx, "chat", "/chat/completions"));
            config.routes.post("/v1/completions", ctx -> forward(ctx, "completions", "/completions"));
            config.routes.get("/v1/models", this::models);
            config.routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                System.err.println("culturalign serve: internal error on " + ctx.method() + " " + ctx.path() + ": "
                        + e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), "server_error");
            });
        });
    }

    /**
     * Starts the proxy.
     *
     * @param settings    the settings (listening host and port, upstream, steering, limits, keys)
     * @param data        the survey data
     * @param selector    the demonstration selector (must support free text; {@code category} does not)
     * @param upstreamKey the upstream API key, or null for none
     * @return the running server; {@link #port()} is the bound port
     */
    public static ProxyServer start(ServeSettings settings, SurveyData data, DemonstrationSelector selector,
                                    String upstreamKey) {
        ProxyServer s = new ProxyServer(settings, data, selector, upstreamKey);
        s.app.start();
        return s;
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    /** The metrics (for tests and embedding). */
    public ProxyMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() throws IOException {
        app.stop();
        if (audit != null) {
            audit.close();
        }
    }

    /** What happened to one request, for metrics and the audit log. */
    private static final class Outcome {
        int status = 200;
        String steering = "rejected";
        Steering.Applied applied;
        String model;
        String promptText;
        String keyName = "-";
    }

    private void forward(Context ctx, String endpoint, String path) throws IOException {
        long t0 = System.nanoTime();
        Outcome o = new Outcome();
        try {
            handle(ctx, endpoint, path, o);
        } finally {
            long nanos = System.nanoTime() - t0;
            metrics.request(endpoint, o.status, o.steering, nanos);
            if (audit != null && !"rejected".equals(o.steering)) {
                ObjectNode line = audit.line(o.promptText);
                line.put("key", o.keyName);
                line.put("endpoint", endpoint);
                line.put("model", o.model);
                line.put("steering", o.steering);
                if (o.applied != null) {
                    line.put("country", o.applied.country().code());
                    line.put("language", o.applied.language());
                    line.put("source", o.applied.source());
                    line.put("selector", o.applied.selector());
                    line.put("render", o.applied.render().configName());
                    o.applied.ids().forEach(line.putArray("demonstrations")::add);
                }
                line.put("status", o.status);
                line.put("latency_ms", Math.round(nanos / 1e4) / 100.0);
                audit.write(line);
            }
        }
    }

    private void handle(Context ctx, String endpoint, String path, Outcome o) throws IOException {
        Optional<ApiKey> caller = authenticate(ctx, o);
        if (caller.isEmpty()) {
            return;
        }
        o.keyName = caller.get().name();
        byte[] body = readBody(ctx, o);
        if (body == null) {
            return;
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            int cut = why.indexOf(" (for ");
            reject(ctx, o, 400, "request body is not valid JSON: " + (cut > 0 ? why.substring(0, cut) : why)
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            return;
        }
        if (parsed == null || !parsed.isObject()) {
            reject(ctx, o, 400, "request body must be a JSON object");
            return;
        }
        ObjectNode json = (ObjectNode) parsed;
        boolean chat = endpoint.equals("chat");
        if (chat) {
            JsonNode messages = json.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                reject(ctx, o, 400, "'messages' must be a non-empty array of {role, content}");
                return;
            }
            if (messages.size() > settings.maxMessages()) {
                reject(ctx, o, 400, "too many messages: " + messages.size() + " (at most " + settings.maxMessages()
                        + ")");
                return;
            }
            for (JsonNode m : messages) {
                if (!m.isObject() || !m.path("role").isTextual()) {
                    reject(ctx, o, 400, "every message must be an object with a string 'role'");
                    return;
                }
            }
            o.promptText = audit == null ? null : messages.toString(); // only the audit log hashes it
        } else {
            if (json.get("prompt") == null) {
                reject(ctx, o, 400, "'prompt' is required");
                return;
            }
            o.promptText = audit == null ? null : json.get("prompt").isTextual() ? json.get("prompt").asText()
                    : json.get("prompt").toString();
        }
        TargetCulture.ModelName model = TargetCulture.splitModel(json.path("model").isTextual()
                ? json.get("model").asText() : null);
        o.model = model.model();
        Optional<TargetCulture> culture = TargetCulture.resolve(ctx.header("X-Culture-Country"),
                ctx.header("X-Culture-Language"), model, caller.get(), settings.defaultLanguage());
        byte[] forwarded = body;
        String reason = null;
        if (culture.isEmpty()) {
            reason = "no target culture";
        } else {
            Optional<String> text = chat ? Steering.lastUserText(json.get("messages"))
                    : json.get("prompt").isTextual() ? Optional.of(json.get("prompt").asText()) : Optional.empty();
            if (text.isEmpty() || text.get().isBlank()) {
                reason = chat ? "no user message text" : "prompt is not a string";
            } else {
                try {
                    o.applied = chat ? steering.steerChat(json, culture.get(), text.get())
                            : steering.steerCompletion(json, culture.get());
                } catch (InvalidInputException e) {
                    reject(ctx, o, 400, "cannot steer to " + culture.get().country() + "/" + culture.get().language()
                            + ": " + e.getMessage());
                    return;
                }
                metrics.selection(o.applied.selectionNanos());
            }
        }
        if (model.country().isPresent()) {
            json.put("model", model.model()); // the upstream knows the model without our suffix
        }
        if (o.applied != null || model.country().isPresent()) {
            forwarded = JSON.writeValueAsBytes(json);
        }
        o.steering = o.applied != null ? "steered" : "passthrough";
        if (o.applied != null) {
            Steering.Applied a = o.applied;
            ctx.header("X-Culture-Steering", "steered");
            ctx.header("X-Culture-Country", a.country().code());
            ctx.header("X-Culture-Language", a.language());
            ctx.header("X-Culture-Source", a.source());
            ctx.header("X-Culture-Selector", a.selector());
            ctx.header("X-Culture-Render", a.render().configName());
            ctx.header("X-Culture-Demonstrations", String.join(",", a.ids()));
        } else {
            ctx.header("X-Culture-Steering", "passthrough; reason=\"" + reason + "\"");
        }
        boolean stream = json.path("stream").asBoolean(false);
        relay(ctx, o, "POST", path, forwarded, stream);
    }

    private void models(Context ctx) throws IOException {
        long t0 = System.nanoTime();
        Outcome o = new Outcome();
        try {
            if (authenticate(ctx, o).isPresent()) {
                o.steering = "passthrough";
                relay(ctx, o, "GET", "/models", null, false);
            }
        } finally {
            metrics.request("models", o.status, o.steering, System.nanoTime() - t0);
        }
    }

    /** Forwards and copies the response; streams are copied chunk by chunk, flushed as they arrive. */
    private void relay(Context ctx, Outcome o, String method, String path, byte[] body, boolean stream)
            throws IOException {
        UpstreamClient.Response r;
        try {
            r = upstream.send(method, path, body, body == null ? Map.of("Accept", "application/json")
                    : Map.of("Content-Type", "application/json",
                    "Accept", stream ? "text/event-stream" : "application/json"));
        } catch (UpstreamClient.UpstreamException e) {
            metrics.upstreamError(e.timeout() ? "timeout" : "connect");
            o.status = e.timeout() ? 504 : 502;
            error(ctx, o.status, e.getMessage(), "upstream_error");
            return;
        }
        o.status = r.status();
        if (r.status() >= 400) {
            metrics.upstreamError(r.status() >= 500 ? "status_5xx" : "status_4xx");
        }
        HttpServletResponse res = ctx.res();
        res.setStatus(r.status());
        copyHeaders(r.headers(), res);
        if (!stream || r.status() != 200) {
            byte[] bytes;
            try (InputStream in = r.body()) {
                bytes = in.readAllBytes();
            } catch (IOException upstreamCut) {
                metrics.upstreamError("connect");
                o.status = 502;
                res.reset();
                error(ctx, 502, "upstream " + upstream.publicBaseUrl() + path + ": the response body was cut: "
                        + upstreamCut.getMessage(), "upstream_error");
                return;
            }
            if (r.status() >= 500) {
                System.err.println("culturalign serve: upstream HTTP " + r.status() + " on " + path + ": "
                        + UpstreamClient.errorMessage(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
            }
            res.setContentLength(bytes.length);
            try {
                res.getOutputStream().write(bytes);
            } catch (IOException clientGone) {
                metrics.clientDisconnect();
            }
            return;
        }
        try (InputStream in = r.body()) {
            OutputStream out = res.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n == 0) {
                    continue;
                }
                try {
                    out.write(buf, 0, n);
                    out.flush();
                } catch (IOException clientGone) {
                    // the caller went away: closing the upstream body (try-with-resources) aborts that exchange
                    metrics.clientDisconnect();
                    return;
                }
            }
        } catch (IOException upstreamCut) {
            // the upstream cut its stream after the headers: nothing can be said to the caller any more
            metrics.upstreamError("connect");
            System.err.println("culturalign serve: upstream stream cut on " + path + ": " + upstreamCut.getMessage());
        }
    }

    private static void copyHeaders(HttpHeaders from, HttpServletResponse to) {
        from.map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("content-type")) {
                to.setContentType(values.get(0));
            } else if (PASSED_HEADERS.contains(n) || n.startsWith("x-ratelimit-")) {
                for (String v : values) {
                    to.addHeader(name, v);
                }
            }
        });
    }

    /** The caller's key, or empty after answering 401, 403 or 429. */
    private Optional<ApiKey> authenticate(Context ctx, Outcome o) {
        String auth = ctx.header("Authorization");
        String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7)
                : ctx.header("X-Api-Key");
        Callers.Outcome a = callers.authenticate(presented);
        if (a instanceof Callers.Missing) {
            ctx.header("WWW-Authenticate", "Bearer");
            reject(ctx, o, 401, "missing API key: send Authorization: Bearer <key>", "authentication_error");
            return Optional.empty();
        }
        if (a instanceof Callers.Wrong) {
            reject(ctx, o, 403, "the API key is not valid for this proxy", "permission_error");
            return Optional.empty();
        }
        Callers.Accepted ok = (Callers.Accepted) a;
        if (ok.bucket() != null) {
            long wait = ok.bucket().tryTake();
            if (wait > 0) {
                ctx.header("Retry-After", Long.toString(wait));
                reject(ctx, o, 429, "rate limit of " + ok.key().ratePerMinute() + " requests per minute reached "
                        + "for key '" + ok.key().name() + "'; retry after " + wait + " s", "rate_limit_error");
                return Optional.empty();
            }
        }
        return Optional.of(ok.key());
    }

    /** The body, or null after answering 413. */
    private byte[] readBody(Context ctx, Outcome o) throws IOException {
        long max = settings.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            reject(ctx, o, 413, "request body of " + declared + " bytes exceeds the limit of " + max + " bytes");
            return null;
        }
        byte[] b = ctx.req().getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (b.length > max) {
            reject(ctx, o, 413, "request body exceeds the limit of " + max + " bytes");
            return null;
        }
        return b;
    }

    private static void reject(Context ctx, Outcome o, int status, String message) {
        reject(ctx, o, status, message, "invalid_request_error");
    }

    private static void reject(Context ctx, Outcome o, int status, String message, String type) {
        o.status = status;
        o.steering = "rejected";
        error(ctx, status, message, type);
    }

    private static void error(Context ctx, int status, String message, String type) {
        ObjectNode err = JSON.createObjectNode();
        ObjectNode e = err.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.put("code", status);
        ctx.status(status).contentType("application/json").result(err.toString());
    }
}
