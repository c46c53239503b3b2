package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.culturalign.model.RetryEvent;
import org.junit.jupiter.api.Test;

/** Retries said while they wait: the bar's message with its countdown, or one log line each. */
class ProgressReporterTest {
    private static final String SERVER = "127.0.0.1:8000";
    private static final String LIMITED = "HTTP 429: Rate limit reached (type rate_limit_error, code 429)";

    private static RetryEvent rateLimited(long waitMs, int retry) {
        return new RetryEvent(SERVER, "429", LIMITED, Duration.ofMillis(waitMs), retry, 5);
    }

    @Test
    void logLinesSayEveryWaitOfTwoSecondsOrMoreAndEveryTimeoutOrConnectionRetryWithTheReason() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (ProgressReporter p = ProgressReporter.create(RunOptions.ProgressMode.LOG, 100, 0, out)) {
            p.waiting(rateLimited(42_000, 2));
            p.waiting(rateLimited(1_999, 1)); // counted elsewhere, not said
            p.waiting(new RetryEvent(SERVER, "timeout", "no reply within 120.0 s (timeout_s)", Duration.ofMillis(400),
                    1, 5));
            p.waiting(new RetryEvent(SERVER, "connection", "cannot connect to http://127.0.0.1:8000/v1 (is the "
                    + "server running?)", Duration.ofMillis(1250), 3, 5));
            p.waiting(rateLimited(2_000, 4));
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "eval: waiting 42 s: 429 from 127.0.0.1:8000, retry 2/5 (" + LIMITED + ")",
                "eval: waiting 0.4 s: timeout from 127.0.0.1:8000, retry 1/5 (no reply within 120.0 s (timeout_s))",
                "eval: waiting 1.3 s: connection from 127.0.0.1:8000, retry 3/5 (cannot connect to "
                        + "http://127.0.0.1:8000/v1 (is the server running?))",
                "eval: waiting 2 s: 429 from 127.0.0.1:8000, retry 4/5 (" + LIMITED + ")");
    }

    @Test
    void quietSaysNothing() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ProgressReporter p = ProgressReporter.create(RunOptions.ProgressMode.QUIET, 100, 0,
                new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            p.waiting(rateLimited(42_000, 2));
        }
        assertThat(buffer.size()).isZero();
    }

    @Test
    void theBarShowsTheNewestWaitCountingDownAndClearsWhenTheWaitsAreOver() throws Exception {
        try (ProgressReporter.Bar bar = new ProgressReporter.Bar(100, 0)) {
            RetryEvent first = rateLimited(42_000, 2);
            bar.waiting(first);
            assertThat(bar.message()).isEqualTo("waiting 42 s: 429 from 127.0.0.1:8000, retry 2/5");
            bar.waiting(rateLimited(1_500, 1)); // too short to show: the message stays
            assertThat(bar.message()).isEqualTo("waiting 42 s: 429 from 127.0.0.1:8000, retry 2/5");

            // the countdown ticks once a second: 42 s, then 41 s left (40 on a machine stalled for a second)
            long until = System.nanoTime() + 5_000_000_000L;
            while (bar.message().startsWith("waiting 42 s") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(bar.message()).matches("waiting 4[01] s: 429 from 127\\.0\\.0\\.1:8000, retry 2/5");

            RetryEvent second = new RetryEvent("10.0.0.2:8001", "503", "HTTP 503: Loading model",
                    Duration.ofSeconds(5), 1, 5);
            bar.waiting(second);
            assertThat(bar.message()).isEqualTo("waiting 5 s: 503 from 10.0.0.2:8001, retry 1/5");
            bar.waited(second);
            assertThat(bar.message()).matches("waiting 4[01] s: 429 from 127\\.0\\.0\\.1:8000, retry 2/5");
            bar.waited(first);
            assertThat(bar.message()).isEmpty();
        }
    }
}
