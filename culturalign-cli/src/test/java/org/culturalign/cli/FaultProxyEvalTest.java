package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.served.FaultProxy;
import org.culturalign.served.FaultProxy.Fault;
import org.culturalign.served.Loopback;
import org.culturalign.served.VllmEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An eval through {@link FaultProxy} in front of the vLLM emulator: every retriable fault (dropped connection, a
 * delay past the timeout, 429 with Retry-After in seconds and as an HTTP date, 500/502/503, a truncated and a non-JSON
 * body, a reset mid-body) is retried and counted, a logprob-less 200 fails its probes (counted, listed, never
 * scored), and every scored probe equals the fault-free run's exactly. A server that keeps failing stops the run
 * with one clear line and a store that resumes to the fault-free results.
 */
class FaultProxyEvalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Q57's English text: its probes are answered without logprobs. */
    private static final String Q57 = "can most people be trusted";

    @TempDir
    Path dir;

    private Loopback upstream;

    @BeforeEach
    void start() throws Exception {
        upstream = new Loopback();
        VllmEmulator.serve(upstream, "m");
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private static String[] eval(String baseUrl, Path out, String modelArgs) {
        List<String> args = new ArrayList<>(List.of("eval", "--model", "openai:" + baseUrl + "/v1#m",
                "--countries", "DEU,NGA", "--languages", "en", "--shots", "0,2", "--selectors", "chrf",
                "--questions", "Q1,Q2,Q3,Q46,Q57,Q164", "--output-path", out.toString(), "--no-cache",
                "--progress", "quiet", "--concurrency", "2"));
        if (modelArgs != null) {
            args.addAll(List.of("--model-args", modelArgs));
        }
        return args.toArray(String[]::new);
    }

    /** samples.jsonl lines with the proxy's address written as the upstream's (the model spec names the URL). */
    private static List<String> samples(Path run, String from, String to) throws Exception {
        return Files.readAllLines(run.resolve("samples.jsonl")).stream().map(l -> l.replace(from, to)).toList();
    }

    @Test
    void everyRetriableFaultIsRetriedAndCountedAndTheScoredProbesEqualAFaultFreeRun() throws Exception {
        Path clean = dir.resolve("clean");
        assertThat(CliRun.withSystemOut(eval(upstream.url(), clean, null)).code()).isZero();
        List<String> cleanSamples = Files.readAllLines(clean.resolve("samples.jsonl"));
        assertThat(cleanSamples).hasSize(24);

        Map<Integer, Fault> schedule = new LinkedHashMap<>();
        Fault[] retriable = {Fault.DROP, Fault.DELAY, Fault.RETRY_AFTER_SECONDS, Fault.RETRY_AFTER_DATE,
            Fault.HTTP_500, Fault.HTTP_502, Fault.HTTP_503, Fault.TRUNCATED, Fault.NOT_JSON, Fault.RESET_MID_BODY};
        for (int i = 0; i < retriable.length; i++) {
            schedule.put(2 + 2 * i, retriable[i]);
        }
        Path faulty = dir.resolve("faulty");
        try (FaultProxy proxy = new FaultProxy(upstream.url(), schedule, body -> body.contains(Q57),
                Duration.ofMillis(1500))) {
            CliRun r = CliRun.withSystemOut(eval(proxy.url(), faulty, "timeout_s=1,max_retries=5"));
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("20 probes scored, 0 skipped").contains("failed: 4 probes, not scored");
            Map<Fault, Integer> injected = proxy.injected();
            for (Fault f : retriable) {
                assertThat(injected.get(f)).as(f.toString()).isEqualTo(1);
            }
            // each of the 4 Q57 probes: its batch, then alone (to find which probe of the batch failed)
            assertThat(injected.get(Fault.NO_LOGPROBS)).isEqualTo(8);

            // every scored probe is the fault-free run's, byte for byte; the failed ones are exactly Q57's
            List<String> expected = cleanSamples.stream().filter(l -> !l.contains("\"questionId\":\"Q57\""))
                    .toList();
            assertThat(samples(faulty, proxy.url(), upstream.url())).containsExactlyElementsOf(expected);
            List<String> failures = Files.readAllLines(faulty.resolve("failures.csv"));
            assertThat(failures).hasSize(5);
            for (String f : failures.subList(1, 5)) {
                assertThat(f).contains(",Q57,").contains("the server returned no logprobs");
            }
            JsonNode results = JSON.readTree(faulty.resolve("results.json").toFile());
            assertThat(results.get("counts").get("probesFailed").asInt()).isEqualTo(4);
            JsonNode byStatus = results.get("provenance").get("retries").get("byStatus");
            Map<String, Integer> retries = new LinkedHashMap<>();
            byStatus.properties().forEach(e -> retries.put(e.getKey(), e.getValue().get("retries").asInt()));
            // connection: the drop and the reset; 200: the truncated and the non-JSON body
            assertThat(retries).containsExactlyInAnyOrderEntriesOf(Map.of("200", 2, "429", 2, "500", 1, "502", 1,
                    "503", 1, "connection", 2, "timeout", 1));
            assertThat(results.get("provenance").get("retries").get("gaveUp").asInt()).isZero();

            // the cells of the scored probes: the same numbers where no probe failed
            JsonNode cleanCells = JSON.readTree(clean.resolve("results.json").toFile()).get("cells");
            JsonNode cells = results.get("cells");
            for (int i = 0; i < cells.size(); i++) {
                assertThat(cells.get(i).get("n").asInt()).isEqualTo(cleanCells.get(i).get("n").asInt() - 1);
            }
        }
    }

    @Test
    void aServerThatKeepsFailingStopsTheRunWithOneLineAndTheStoreResumesToTheFaultFreeResults() throws Exception {
        Path clean = dir.resolve("clean");
        assertThat(CliRun.withSystemOut(eval(upstream.url(), clean, null)).code()).isZero();
        Map<Integer, Fault> schedule = new LinkedHashMap<>();
        // after 6 good requests, 503 for good (more than the 2 retries allowed)
        for (int n = 7; n <= 400; n++) {
            schedule.put(n, Fault.HTTP_503);
        }
        Path run = dir.resolve("run");
        try (FaultProxy proxy = new FaultProxy(upstream.url(), schedule, b -> false, Duration.ofSeconds(2))) {
            CliRun r = CliRun.withSystemOut(eval(proxy.url(), run, "max_retries=2"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("failed after 3 attempt(s): HTTP 503: model is loading")
                    .contains("probes are saved in " + run).contains("rerun the same command to resume");
            assertThat(Files.exists(run.resolve("results.json"))).isFalse();
            long saved = Files.exists(run.resolve("run.db")) ? 1 : 0;
            assertThat(saved).isEqualTo(1);

            // the server recovers: the same command resumes the folder to the fault-free results
            proxy.heal();
            CliRun resumed = CliRun.withSystemOut(eval(proxy.url(), run, "max_retries=2"));
            assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out()).contains("resuming " + run);
            assertThat(samples(run, proxy.url(), upstream.url()))
                    .containsExactlyElementsOf(Files.readAllLines(clean.resolve("samples.jsonl")));
        }
    }

    @Test
    void aServerWhoseRepliesAreAllUnusableStopsTheRunAfterTwentyFailedProbesInARow() throws Exception {
        try (FaultProxy proxy = new FaultProxy(upstream.url(), Map.of(), b -> true, Duration.ofSeconds(2))) {
            Path run = dir.resolve("run");
            CliRun r = CliRun.withSystemOut(eval(proxy.url(), run, null));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("stopped: ").contains("probes in a row failed, the backend's replies are "
                    + "unusable").contains("the server returned no logprobs").contains("rerun the same command");
        }
    }
}
