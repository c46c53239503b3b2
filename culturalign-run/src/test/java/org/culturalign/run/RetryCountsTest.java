package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.culturalign.model.RetryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retry counts by status, summed over a run's invocations in run.db, as results.json and the report show them. */
class RetryCountsTest {
    @TempDir
    Path dir;

    private static RetryEvent event(String status, long waitMs) {
        return new RetryEvent("127.0.0.1:8000", status, "reason", Duration.ofMillis(waitMs), 1, 5);
    }

    @Test
    void retriesWaitsAndGiveUpsAreCountedByStatusAndAddedUpAcrossInvocations() throws Exception {
        RetryCounts first = new RetryCounts();
        first.waiting(event("429", 3000));
        first.waited(event("429", 3000)); // the end of a wait counts nothing more
        first.waiting(event("timeout", 400));
        first.gaveUp(event("429", 7_200_000)); // the wait it asked for was not waited
        RetryCounts second = new RetryCounts();
        second.waiting(event("429", 1500));
        second.waiting(event("503", 250));

        try (RunStore store = RunStore.open(dir)) {
            assertThat(store.retryCounts()).isEmpty();
            store.addRetries(first.snapshot());
            store.addRetries(second.snapshot());
            store.addRetries(new RetryCounts().snapshot());
            Map<String, RetryCounts.Count> counts = store.retryCounts();
            assertThat(counts).containsExactly(Map.entry("429", new RetryCounts.Count(2, 4500, 1)),
                    Map.entry("503", new RetryCounts.Count(1, 250, 0)),
                    Map.entry("timeout", new RetryCounts.Count(1, 400, 0)));

            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(RetryCounts.toJson(counts).toString())).isEqualTo(json.readTree("""
                    {"retries": 4, "waitedSeconds": 5.15, "gaveUp": 1, "byStatus": {
                      "429": {"retries": 2, "waitedSeconds": 4.5, "gaveUp": 1},
                      "503": {"retries": 1, "waitedSeconds": 0.25, "gaveUp": 0},
                      "timeout": {"retries": 1, "waitedSeconds": 0.4, "gaveUp": 0}}}"""));
            assertThat(RetryCounts.describe(RetryCounts.toJson(counts))).isEqualTo("4 retries, 5.2 s waited (429: 2 "
                    + "retries, 4.5 s; 503: 1 retry, 0.3 s; timeout: 1 retry, 0.4 s); 1 request given up (429)");
        }
    }

    @Test
    void aRunWithoutRetriesSaysNoneAndResultsWithoutTheCountsSayNotRecorded() {
        assertThat(RetryCounts.describe(RetryCounts.toJson(Map.of()))).isEqualTo("none");
        assertThat(RetryCounts.describe(new ObjectMapper().createObjectNode().path("retries")))
                .isEqualTo("not recorded");
    }
}
