package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.culturalign.model.ModelException;
import org.culturalign.model.RetryEvent;
import org.culturalign.model.RetryObserver;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.report.Reporter;
import org.culturalign.report.RunReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend's retries in a run: said on the progress lines, counted into results.json's provenance and the report
 * over every invocation, and a stop by the backend keeps what was scored so that the resumed run equals a clean one.
 * (The same against a real server on loopback: the CLI's ServedEvalRetryTest.)
 */
class RetryProvenanceTest {
    @TempDir
    Path dir;

    private static final String SERVER = "127.0.0.1:8000";

    /** A backend double that reports scripted retries to its observer before answering batch number k (from 1). */
    private static class RetryingModel extends CountingModel {
        private final AtomicInteger batches = new AtomicInteger();
        private final int stopAt;
        private volatile RetryObserver observer = RetryObserver.NONE;

        /** @param stopAt the batch that fails as a server asking for a 2-hour wait (0: none) */
        RetryingModel(int stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public void observeRetries(RetryObserver o) {
            observer = o;
        }

        @Override
        public List<ScoringResult> loglikelihood(List<ScoringRequest> rs) {
            int k = batches.incrementAndGet();
            if (k == 1) {
                RetryEvent e = new RetryEvent(SERVER, stopAt > 0 ? "429" : "timeout", stopAt > 0
                        ? "HTTP 429: Rate limit reached" : "no reply within 120.0 s (timeout_s)",
                        Duration.ofMillis(stopAt > 0 ? 3000 : 400), 1, 5);
                observer.waiting(e);
                observer.waited(e);
            }
            if (k == stopAt) {
                observer.gaveUp(new RetryEvent(SERVER, "429", "HTTP 429: Rate limit reached", Duration.ofHours(2), 1,
                        5));
                throw new ModelException("openai: POST http://127.0.0.1:8000/v1/completions stopped after 1 "
                        + "attempt(s): asks to wait 7200 s", true);
            }
            return super.loglikelihood(rs);
        }
    }

    private RunOptions options(Path out) {
        // no cache: every probe goes to the backend, and samples say cached=false in both runs
        return new RunOptions(out, null, 1, false, RunOptions.ProgressMode.LOG);
    }

    private static String run(EvalConfig config, RunOptions options, CountingModel model) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (EvalSession s = EvalSession.open(config, options, "test", spec -> model)) {
            s.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunStoppedByItsBackendResumesToTheCleanRunsResultsAndCountsTheRetriesOfBothInvocations() throws Exception {
        EvalConfig config = EvalSessionTest.small(List.of("DEU"), List.of(0, 2), List.of("random"));
        Path stopped = dir.resolve("stopped");
        Path clean = dir.resolve("clean");
        // 6 questions x 2 cells, one batch per cell: the second batch is refused
        assertThatThrownBy(() -> run(config, options(stopped), new RetryingModel(2)))
                .isInstanceOf(ModelException.class).matches(e -> ((ModelException) e).isRetriable())
                .hasMessage("openai: POST http://127.0.0.1:8000/v1/completions stopped after 1 attempt(s): asks to "
                        + "wait 7200 s; 6 of 12 probes are saved in " + stopped + ": rerun the same command to resume");
        assertThat(stopped.resolve("results.json")).doesNotExist();
        try (RunStore store = RunStore.open(stopped)) {
            assertThat(store.scoredCount()).isEqualTo(6);
            assertThat(store.retryCounts()).containsEntry("429", new RetryCounts.Count(1, 3000, 1));
        }

        String resumedOut = run(config, options(stopped), new RetryingModel(0));
        run(config, options(clean), new CountingModel());

        assertThat(resumedOut).contains("eval: waiting 0.4 s: timeout from 127.0.0.1:8000, retry 1/5 (no reply "
                + "within 120.0 s (timeout_s))");
        assertThat(Files.readString(stopped.resolve("samples.jsonl")))
                .isEqualTo(Files.readString(clean.resolve("samples.jsonl")));
        assertThat(Files.readString(stopped.resolve("cells.csv")))
                .isEqualTo(Files.readString(clean.resolve("cells.csv")));
        ObjectMapper json = new ObjectMapper();
        JsonNode resumed = json.readTree(stopped.resolve("results.json").toFile());
        JsonNode fresh = json.readTree(clean.resolve("results.json").toFile());
        for (String part : List.of("cells", "iclGains", "significance")) {
            assertThat(resumed.get(part)).as(part).isEqualTo(fresh.get(part));
        }
        assertThat(resumed.get("provenance").get("retries")).isEqualTo(json.readTree("""
                {"retries": 2, "waitedSeconds": 3.4, "gaveUp": 1, "byStatus": {
                  "429": {"retries": 1, "waitedSeconds": 3.0, "gaveUp": 1},
                  "timeout": {"retries": 1, "waitedSeconds": 0.4, "gaveUp": 0}}}"""));
        assertThat(fresh.get("provenance").get("retries")).isEqualTo(json.readTree("""
                {"retries": 0, "waitedSeconds": 0.0, "gaveUp": 0, "byStatus": {}}"""));

        String html = Reporter.render(List.of(RunReader.read(stopped)));
        assertThat(html).contains("<tr><th>backend retries</th><td>2 retries, 3.4 s waited (429: 1 retry, 3 s; "
                + "timeout: 1 retry, 0.4 s); 1 request given up (429)</td></tr>");
        assertThat(Reporter.render(List.of(RunReader.read(clean))))
                .contains("<tr><th>backend retries</th><td>none</td></tr>");
    }
}
