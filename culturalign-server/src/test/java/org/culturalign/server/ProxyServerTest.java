package org.culturalign.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.ChrfSelector;
import org.culturalign.icl.Demonstrations;
import org.culturalign.icl.TextSelectionRequest;
import org.culturalign.io.Sha256;
import org.culturalign.probe.DemonstrationTexts;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy in front of a real upstream on loopback ({@link FixedResponder}), called over real HTTP. */
class ProxyServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final SurveyData DATA = BundledSample.load();
    static final String KEY = "sk-caller-secret-1";
    static final String UPSTREAM_KEY = "sk-upstream-NEVER-SHOWN";
    static final String USER = "Wie wichtig ist Ihnen die Familie?";

    static FixedResponder upstream;
    static ProxyServer open;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        upstream = FixedResponder.start();
        ServeSettings s = ServeSettings.defaults(URI.create(upstream.baseUrl())).listening("127.0.0.1", 0);
        Files.writeString(dir.resolve("serve.yaml"), "k: 3\naudit_log: audit.jsonl\n");
        s = ServeSettings.load(dir.resolve("serve.yaml"), URI.create(upstream.baseUrl())).listening("127.0.0.1", 0);
        open = ProxyServer.start(s, DATA, new ChrfSelector(), UPSTREAM_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        upstream.close();
    }

    static HttpResponse<String> post(ProxyServer p, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String chat(String model, String user) {
        return "{\"model\":\"" + model + "\",\"temperature\":0.2,\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"" + user + "\"}]}";
    }

    /** The ids chrF++ picks for the text, computed without the proxy. */
    static List<String> chrf(String text, String country, String lang, int k) {
        return new ChrfSelector().selectForText(new TextSelectionRequest(DATA, text, Country.of(country), lang, k,
                1234)).questionIds();
    }

    static String preamble(List<String> ids, String country, String lang) {
        List<String> parts = new ArrayList<>();
        DemonstrationTexts.render(DATA, Country.of(country), lang, Demonstrations.answers(DATA, Country.of(country),
                ids, AnswerMode.MAJORITY, 1234)).forEach(r -> parts.add(r.completion()));
        return String.join("\n\n", parts);
    }

    @Test
    void aSteeredChatRequestGetsTheDemonstrationsBeforeTheSystemPromptAndSaysSoInHeaders() throws Exception {
        HttpResponse<String> r = post(open, "/v1/chat/completions", chat("qwen2.5", USER),
                "X-Culture-Country", "DEU", "X-Culture-Language", "de");
        List<String> ids = chrf(USER, "DEU", "de", 3);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FixedResponder.CHAT_REPLY);
        assertThat(r.headers().firstValue("X-Culture-Steering")).hasValue("steered");
        assertThat(r.headers().firstValue("X-Culture-Country")).hasValue("DEU");
        assertThat(r.headers().firstValue("X-Culture-Language")).hasValue("de");
        assertThat(r.headers().firstValue("X-Culture-Source")).hasValue("header");
        assertThat(r.headers().firstValue("X-Culture-Selector")).hasValue("chrf");
        assertThat(r.headers().firstValue("X-Culture-Render")).hasValue("system");
        assertThat(r.headers().firstValue("X-Culture-Demonstrations")).hasValue(String.join(",", ids));
        ObjectNode expected = (ObjectNode) JSON.readTree(chat("qwen2.5", USER));
        ((ObjectNode) expected.get("messages").get(0)).put("content", preamble(ids, "DEU", "de") + "\n\nBe brief.");
        FixedResponder.Received got = upstream.last();
        assertThat(JSON.readTree(got.body())).isEqualTo(expected);
        assertThat(got.header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(preamble(ids, "DEU", "de")).startsWith("Frage: ");
    }

    @Test
    void withoutATargetCultureTheBodyIsForwardedByteForByteAndTheResponseSaysPassthrough() throws Exception {
        String odd = "{ \"model\" : \"m\",\n \"messages\":[{\"role\":\"user\",\"content\":\"hi \\u00e9\"}] }";
        HttpResponse<String> r = post(open, "/v1/chat/completions", odd);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Culture-Steering")).hasValue("passthrough; reason=\"no target culture\"");
        assertThat(r.headers().firstValue("X-Culture-Demonstrations")).isEmpty();
        assertThat(upstream.last().body()).isEqualTo(odd.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aModelSuffixNamesTheCultureAndIsStrippedBeforeForwarding() throws Exception {
        HttpResponse<String> r = post(open, "/v1/chat/completions", chat("qwen2.5@NGA:en", "Is religion important?"));

        assertThat(r.headers().firstValue("X-Culture-Country")).hasValue("NGA");
        assertThat(r.headers().firstValue("X-Culture-Language")).hasValue("en");
        assertThat(r.headers().firstValue("X-Culture-Source")).hasValue("model");
        JsonNode sent = JSON.readTree(upstream.last().body());
        assertThat(sent.get("model").asText()).isEqualTo("qwen2.5");
        assertThat(sent.get("messages").get(0).get("content").asText())
                .isEqualTo(preamble(chrf("Is religion important?", "NGA", "en", 3), "NGA", "en")
                        + "\n\nBe brief.");
    }

    @Test
    void aCompletionPromptGetsTheShotsBeforeIt() throws Exception {
        HttpResponse<String> r = post(open, "/v1/completions", "{\"model\":\"m\",\"prompt\":\"Is work important?\"}",
                "X-Culture-Country", "USA");
        List<String> ids = chrf("Is work important?", "USA", "en", 3);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Culture-Demonstrations")).hasValue(String.join(",", ids));
        assertThat(JSON.readTree(upstream.last().body()).get("prompt").asText())
                .isEqualTo(preamble(ids, "USA", "en") + "\n\nIs work important?");
    }

    @Test
    void streamedEventsArePassedThroughByteForByteAsTheyArrive() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> events = List.of("data: {\"choices\":[{\"delta\":{\"content\":\"Hal\"}}]}\n\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n", "data: [DONE]\n\n");
        upstream.script("/v1/chat/completions", FixedResponder.Reply.events(events, 5, gate));
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port()
                            + "/v1/chat/completions")).header("X-Culture-Country", "DEU")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true,\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"Are you happy?\"}]}")).build();
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            assertThat(r.headers().firstValue("X-Culture-Steering")).hasValue("steered");
            try (InputStream in = r.body()) {
                // the upstream holds the rest until we have read the first event: a buffering proxy would hang here
                byte[] first = in.readNBytes(events.get(0).length());
                assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(events.get(0));
                gate.countDown();
                byte[] rest = in.readAllBytes();
                assertThat(new String(rest, StandardCharsets.UTF_8)).isEqualTo(events.get(1) + events.get(2));
            }
            assertThat(JSON.readTree(upstream.last().body()).get("stream").asBoolean()).isTrue();
        } finally {
            upstream.script("/v1/chat/completions", FixedResponder.Reply.json(200, FixedResponder.CHAT_REPLY));
        }
    }

    @Test
    void aClientThatDisconnectsMidStreamAbortsTheUpstreamExchange() throws Exception {
        try (FixedResponder slow = FixedResponder.start();
             ProxyServer p = ProxyServer.start(ServeSettings.defaults(URI.create(slow.baseUrl()))
                     .listening("127.0.0.1", 0), DATA, new ChrfSelector(), null)) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                events.add("data: {\"n\":" + i + ",\"pad\":\"" + "x".repeat(1000) + "\"}\n\n");
            }
            slow.script("/v1/chat/completions", FixedResponder.Reply.events(events, 20, null));
            String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            try (Socket s = new Socket("127.0.0.1", p.port())) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                String head = new String(s.getInputStream().readNBytes(200), StandardCharsets.ISO_8859_1);
                assertThat(head).startsWith("HTTP/1.1 200");
            }
            // the proxy notices on its next write, closes the upstream body, and the upstream's write then fails
            assertThat(slow.writeFailed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.metrics().scrape()).contains("culturalign_proxy_client_disconnects_total 1.0");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() throws Exception {
        HttpResponse<String> r = post(open, "/v1/chat/completions", "{\"model\": \"m\", \"messages\": [}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(e.get("code").asInt()).isEqualTo(400);
        assertThat(e.get("message").asText()).isEqualTo("request body is not valid JSON: Unexpected close marker '}': expected ']' (line 1, column 29)");
        assertThat(post(open, "/v1/chat/completions", "[1]").body())
                .contains("request body must be a JSON object");
        assertThat(post(open, "/v1/chat/completions", "{\"messages\":[]}").body())
                .contains("'messages' must be a non-empty array of {role, content}");
    }

    @Test
    void anUnknownCountryIs400NamingIt() throws Exception {
        HttpResponse<String> r = post(open, "/v1/chat/completions", chat("m", "hi"), "X-Culture-Country", "XYZ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText()).startsWith("cannot steer to XYZ/en: "
                + "unknown country 'XYZ'");
    }

    @Test
    void upstream429AndItsRetryAfterAnd500ArePassedThroughWithTheirBodies() throws Exception {
        String limited = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}";
        upstream.script("/v1/chat/completions", FixedResponder.Reply.json(429, limited).withHeader("Retry-After", "7"));
        try {
            HttpResponse<String> r = post(open, "/v1/chat/completions", chat("m", "hi"));
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(r.body()).isEqualTo(limited);
            upstream.script("/v1/chat/completions", FixedResponder.Reply.json(500, "{\"error\":\"boom\"}"));
            HttpResponse<String> r500 = post(open, "/v1/chat/completions", chat("m", "hi"));
            assertThat(r500.statusCode()).isEqualTo(500);
            assertThat(r500.body()).isEqualTo("{\"error\":\"boom\"}");
            assertThat(open.metrics().scrape()).contains("culturalign_proxy_upstream_errors_total{kind=\"status_4xx\"}")
                    .contains("culturalign_proxy_upstream_errors_total{kind=\"status_5xx\"}");
        } finally {
            upstream.script("/v1/chat/completions", FixedResponder.Reply.json(200, FixedResponder.CHAT_REPLY));
        }
    }

    @Test
    void anUnreachableUpstreamIs502AndTheUpstreamKeyAppearsNowhere() throws Exception {
        int dead;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            dead = ss.getLocalPort();
        }
        try (ProxyServer p = ProxyServer.start(ServeSettings.defaults(URI.create("http://127.0.0.1:" + dead + "/v1"))
                .listening("127.0.0.1", 0), DATA, new ChrfSelector(), UPSTREAM_KEY)) {
            HttpResponse<String> r = post(p, "/v1/chat/completions", chat("m", "hi"));
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(r.body()).at("/error/message").asText()).isEqualTo("upstream POST http://127.0.0.1:"
                    + dead + "/v1/chat/completions: cannot connect to http://127.0.0.1:" + dead
                    + "/v1 after 3 attempt(s) (is the server running?)");
            assertThat(r.body() + r.headers().map()).doesNotContain(UPSTREAM_KEY);
            assertThat(p.metrics().scrape()).contains("culturalign_proxy_upstream_errors_total{kind=\"connect\"} 1.0")
                    .doesNotContain(UPSTREAM_KEY);
        }
    }

    @Test
    void anUpstreamConnectionClosedBeforeAnyResponseByteIsRetriedOnce() throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    for (int n = 0; n < 2; n++) {
                        try (Socket s = ss.accept()) {
                            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                    s.getInputStream(), StandardCharsets.ISO_8859_1));
                            int length = 0;
                            for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
                                if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                    length = Integer.parseInt(l.substring(15).strip());
                                }
                            }
                            in.read(new char[length]);
                            if (n == 1) { // the first connection closes without a byte, like a stale keep-alive one
                                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                                        .getBytes(StandardCharsets.ISO_8859_1));
                            }
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the test fails on the status below
                }
            });
            t.start();
            try (ProxyServer p = ProxyServer.start(ServeSettings.defaults(URI.create("http://127.0.0.1:"
                    + ss.getLocalPort() + "/v1")).listening("127.0.0.1", 0), DATA, new ChrfSelector(), null)) {
                HttpResponse<String> r = post(p, "/v1/chat/completions", chat("m", "hi"));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("{}");
            }
            t.join(5000);
        }
    }

    @Test
    void keysAre401WhenMissing403WhenWrongAndCarryTheirDefaultCultureAndRateLimit() throws Exception {
        Files.writeString(dir.resolve("keys.yaml"), "k: 2\nrender: few-shot\nkeys:\n  - name: team-ng\n    sha256: "
                + Sha256.hex(KEY) + "\n    country: NGA\n    language: en\n    rate_per_minute: 3\n");
        ServeSettings s = ServeSettings.load(dir.resolve("keys.yaml"), URI.create(upstream.baseUrl()))
                .listening("127.0.0.1", 0);
        try (ProxyServer p = ProxyServer.start(s, DATA, new ChrfSelector(), null)) {
            HttpResponse<String> none = post(p, "/v1/chat/completions", chat("m", "hi"));
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(JSON.readTree(none.body()).at("/error/message").asText())
                    .isEqualTo("missing API key: send Authorization: Bearer <key>");
            HttpResponse<String> wrong = post(p, "/v1/chat/completions", chat("m", "hi"), "Authorization",
                    "Bearer sk-caller-secret-2");
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(wrong.body()).at("/error/message").asText())
                    .isEqualTo("the API key is not valid for this proxy");

            int before = upstream.received().size();
            HttpResponse<String> ok = post(p, "/v1/chat/completions", chat("m", "Is God important?"),
                    "Authorization", "Bearer " + KEY);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-Culture-Source")).hasValue("key");
            assertThat(ok.headers().firstValue("X-Culture-Render")).hasValue("few-shot");
            List<String> ids = chrf("Is God important?", "NGA", "en", 2);
            List<DemonstrationTexts.Rendered> shots = DemonstrationTexts.render(DATA, Country.of("NGA"), "en",
                    Demonstrations.answers(DATA, Country.of("NGA"), ids, AnswerMode.MAJORITY, 1234));
            ArrayNode msgs = (ArrayNode) JSON.readTree(upstream.last().body()).get("messages");
            assertThat(msgs).hasSize(6);
            assertThat(msgs.get(0).get("content").asText()).isEqualTo("Be brief.");
            assertThat(msgs.get(1).get("role").asText()).isEqualTo("user");
            assertThat(msgs.get(1).get("content").asText()).isEqualTo(shots.get(0).block() + "\n\n"
                    + DemonstrationTexts.wording("en").letterInstruction());
            assertThat(msgs.get(2).get("role").asText()).isEqualTo("assistant");
            assertThat(msgs.get(2).get("content").asText()).isEqualTo(shots.get(0).answer());
            assertThat(msgs.get(4).get("content").asText()).isEqualTo(shots.get(1).answer());
            assertThat(msgs.get(5).get("content").asText()).isEqualTo("Is God important?");
            assertThat(upstream.received()).hasSize(before + 1);

            post(p, "/v1/chat/completions", chat("m", "hi"), "Authorization", "Bearer " + KEY);
            post(p, "/v1/chat/completions", chat("m", "hi"), "Authorization", "Bearer " + KEY);
            HttpResponse<String> limited = post(p, "/v1/chat/completions", chat("m", "hi"), "Authorization",
                    "Bearer " + KEY);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
        }
    }

    @Test
    void anOversizeBodyIs413AndTooManyMessages400() throws Exception {
        HttpResponse<String> r = post(open, "/v1/chat/completions", "{\"pad\":\"" + "x".repeat(1 << 20) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText())
                .isEqualTo("request body of 1048586 bytes exceeds the limit of 1048576 bytes");
        StringBuilder many = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 257; i++) {
            many.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"x\"}");
        }
        HttpResponse<String> m = post(open, "/v1/chat/completions", many + "]}");
        assertThat(m.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(m.body()).at("/error/message").asText()).isEqualTo("too many messages: 257 (at most 256)");
    }

    @Test
    void modelsHealthAndMetricsAreServedAndCorsIsOffByDefault() throws Exception {
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port()
                + "/v1/models")).header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).isEqualTo("{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}");
        assertThat(models.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        post(open, "/v1/chat/completions", chat("m", "hi"), "X-Culture-Country", "DEU");
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("culturalign_proxy_requests_total{endpoint=\"chat\",status=\"200\","
                        + "steering=\"steered\"}")
                .contains("culturalign_proxy_request_duration_seconds_bucket{endpoint=\"chat\"")
                .contains("culturalign_proxy_selection_duration_seconds_count");
    }

    @Test
    void corsOriginsInTheConfigAllowThoseOriginsAndExposeTheCultureHeaders() throws Exception {
        Files.writeString(dir.resolve("cors.yaml"), "cors_origins: [https://app.example.org]\n");
        try (ProxyServer p = ProxyServer.start(ServeSettings.load(dir.resolve("cors.yaml"),
                URI.create(upstream.baseUrl())).listening("127.0.0.1", 0), DATA, new ChrfSelector(), null)) {
            HttpResponse<String> r = post(p, "/v1/chat/completions", chat("m", "hi"), "Origin",
                    "https://app.example.org", "X-Culture-Country", "DEU");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
            assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                    .contains("X-Culture-Demonstrations");
            HttpResponse<String> other = post(p, "/v1/chat/completions", chat("m", "hi"), "Origin",
                    "https://evil.example");
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void theAuditLogRecordsTheDemonstrationsAndTheHashOfThePromptNeverItsText() throws Exception {
        post(open, "/v1/chat/completions", chat("m", "Secret question about trust?"), "X-Culture-Country", "BRA");
        // the line is appended once the response is complete, which the caller may see a moment earlier
        Optional<String> line = Optional.empty();
        for (int i = 0; i < 100 && line.isEmpty(); i++) {
            line = Files.readAllLines(dir.resolve("audit.jsonl")).stream().filter(l -> l.contains("\"BRA\""))
                    .findFirst();
            if (line.isEmpty()) {
                Thread.sleep(20);
            }
        }
        assertThat(line).isPresent();
        JsonNode n = JSON.readTree(line.get());
        String messages = JSON.readTree(chat("m", "Secret question about trust?")).get("messages").toString();
        assertThat(n.get("prompt_sha256").asText()).isEqualTo(Sha256.hex(messages));
        assertThat(n.get("selector").asText()).isEqualTo("chrf");
        assertThat(n.get("render").asText()).isEqualTo("system");
        assertThat(n.get("status").asInt()).isEqualTo(200);
        assertThat(n.get("demonstrations").toString())
                .isEqualTo(JSON.valueToTree(chrf("Secret question about trust?", "BRA", "en", 3)).toString());
        assertThat(line.get()).doesNotContain("Secret").doesNotContain(UPSTREAM_KEY);
        assertThat(n.has("prompt")).isFalse();
    }
}
