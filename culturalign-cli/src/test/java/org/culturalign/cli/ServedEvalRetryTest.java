package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.culturalign.served.Loopback;
import org.culturalign.served.Loopback.Reply;
import org.culturalign.served.VllmEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culturalign eval} and {@code score} against a vLLM emulator on loopback that answers one request with 429 and
 * a Retry-After: above {@code max_retry_wait_s} the run stops with one line and resumes to the clean run's results;
 * up to it the wait is said while it happens and counted in the provenance.
 */
class ServedEvalRetryTest {
    private static final String RATE_LIMITED =
            "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":429}}";

    @TempDir
    Path dir;

    private Loopback server;
    /** The number of the next POST /v1/completions answered 429 (counted from 1; 0: none). */
    private final AtomicInteger throttleAt = new AtomicInteger();
    private volatile String retryAfter = "3";
    private final AtomicInteger posts = new AtomicInteger();
    private volatile long throttledNanos;

    @BeforeEach
    void start() throws Exception {
        server = new Loopback();
        VllmEmulator.serve(server, "m");
        server.always("POST", "/v1/completions", req -> {
            int n = posts.incrementAndGet();
            if (throttleAt.compareAndSet(n, 0)) {
                throttledNanos = System.nanoTime();
                return Reply.json(429, RATE_LIMITED).withHeader("Retry-After", retryAfter);
            }
            return VllmEmulator.completion(req);
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String host() {
        return server.url().substring("http://".length());
    }

    private String[] eval(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("eval", "--model", "openai:" + server.url() + "/v1#m",
                "--model-args", "max_retry_wait_s=2", "--countries", "DEU,NGA", "--languages", "en", "--shots", "0,2",
                "--selectors", "chrf", "--questions", "Q46,Q57,Q164", "--output-path", out.toString(),
                "--progress", "log"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void aRetryAfterAboveTheMaximumStopsTheRunWithOneLineAndTheResumedRunEqualsACleanRun() throws Exception {
        Path out = dir.resolve("run");
        Path cache = dir.resolve("cache.db");
        // 4 cells x 3 questions, one batch of 3 requests per cell: the 5th request is in the second batch
        posts.set(0);
        throttleAt.set(5);
        retryAfter = "3";
        CliRun stopped = CliRun.withSystemOut(eval(out, "--cache", cache.toString()));
        long stoppedMs = (System.nanoTime() - throttledNanos) / 1_000_000;

        assertThat(stopped.code()).as(stopped.err()).isEqualTo(1);
        assertThat(stopped.err().lines()).containsExactly("culturalign: openai: POST " + server.url()
                + "/v1/completions (model m, prompt \"" + stoppedPrompt(stopped.err()) + "\") stopped after 1 "
                + "attempt(s): " + host() + " answered HTTP 429: Rate limit reached (type rate_limit_error, code 429) "
                + "and asks to wait 3 s (Retry-After: 3), more than max_retry_wait_s=2 allows: try again later, or "
                + "raise max_retry_wait_s; 3 of 12 probes are saved in " + out + ": rerun the same command to resume");
        assertThat(stoppedMs).as("stopped at once after the 429, without waiting its 3 s").isLessThan(3000);
        assertThat(out.resolve("run.db")).exists();
        assertThat(out.resolve("results.json")).doesNotExist();
        assertThat(cache).exists();

        // the rerun: the server throttles once more, now within the maximum
        posts.set(0);
        throttleAt.set(2);
        retryAfter = "2";
        CliRun resumed = CliRun.withSystemOut(eval(out, "--cache", cache.toString()));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming " + out + ": 3 of 12 probes done, 9 left")
                .contains("eval: waiting 2 s: 429 from " + host() + ", retry 1/5 (HTTP 429: Rate limit reached (type "
                        + "rate_limit_error, code 429))");
        int resumedPosts = posts.get();

        // the clean run: same server, its own fresh cache (so the probes whose prompt an earlier cell had are
        // answered from the cache as in the resumed run: samples record it)
        Path clean = dir.resolve("clean");
        posts.set(0);
        CliRun fresh = CliRun.withSystemOut(eval(clean, "--cache", dir.resolve("clean-cache.db").toString()));
        assertThat(fresh.code()).as(fresh.err()).isZero();
        int cleanPosts = posts.get();

        assertThat(Files.readString(out.resolve("samples.jsonl")))
                .isEqualTo(Files.readString(clean.resolve("samples.jsonl")));
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(out.resolve("results.json").toFile());
        JsonNode b = json.readTree(clean.resolve("results.json").toFile());
        for (String part : List.of("cells", "iclGains", "significance")) {
            assertThat(a.get(part)).as(part).isEqualTo(b.get(part));
        }
        // the 9 probes left, less those whose prompt the cache holds from the first invocation, plus the retry
        assertThat(resumedPosts).isEqualTo(a.get("counts").get("modelRequests").asInt() + 1);
        assertThat(a.get("counts").get("modelRequests").asInt() + a.get("counts").get("cacheHits").asInt())
                .isEqualTo(9);
        assertThat(cleanPosts).isEqualTo(b.get("counts").get("modelRequests").asInt());
        assertThat(b.get("counts").get("modelRequests").asInt() + b.get("counts").get("cacheHits").asInt())
                .isEqualTo(12);
        assertThat(a.get("provenance").get("retries")).isEqualTo(json.readTree("""
                {"retries": 1, "waitedSeconds": 2.0, "gaveUp": 1,
                 "byStatus": {"429": {"retries": 1, "waitedSeconds": 2.0, "gaveUp": 1}}}"""));
        assertThat(b.get("provenance").get("retries").get("retries").asInt()).isZero();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<tr><th>backend retries</th><td>1 retry, "
                + "2 s waited (429: 1 retry, 2 s); 1 request given up (429)</td></tr>");
    }

    /** The prompt summary the stop line names (which probe was refused depends on the batch's request order). */
    private static String stoppedPrompt(String err) {
        int start = err.indexOf("prompt \"") + "prompt \"".length();
        return err.substring(start, err.indexOf("\") stopped", start));
    }

    @Test
    void scoreStopsWithOneLineOnALongRetryAfterAndSaysAWaitWithinTheMaximumWhileItHappens() throws Exception {
        throttleAt.set(1);
        retryAfter = "Mon, 01 Jan 2125 00:00:00 GMT"; // an HTTP date a century ahead
        CliRun stopped = CliRun.of("score", "--model", "openai:" + server.url() + "/v1#m", "--context", "Answer:",
                "--continuation", " A");
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.err().lines()).hasSize(1).first().asString()
                .startsWith("culturalign: openai: POST " + server.url() + "/v1/completions (model m, prompt "
                        + "\"Answer:\") stopped after 1 attempt(s): " + host() + " answered HTTP 429: Rate limit "
                        + "reached (type rate_limit_error, code 429) and asks to wait ")
                .endsWith(" s (Retry-After: Mon, 01 Jan 2125 00:00:00 GMT), more than max_retry_wait_s=120 allows: "
                        + "try again later, or raise max_retry_wait_s");

        posts.set(0);
        throttleAt.set(1);
        retryAfter = "2";
        CliRun waited = CliRun.of("score", "--model", "openai:" + server.url() + "/v1#m", "--context", "Answer:",
                "--continuation", " A", "--model-args", "max_retry_wait_s=2");
        assertThat(waited.code()).as(waited.err()).isZero();
        assertThat(waited.err().lines()).containsExactly("culturalign: waiting 2 s: 429 from " + host()
                + ", retry 1/5 (HTTP 429: Rate limit reached (type rate_limit_error, code 429))");
        assertThat(new ObjectMapper().readTree(waited.out()).get("continuations").get(0).get("logprob").asDouble())
                .isEqualTo(VllmEmulator.logprob("Answer:", " A"));
        assertThat(posts.get()).isEqualTo(2);
    }
}
