package org.culturalign.served.openai;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;

/**
 * When to retry and how long to wait: exponential back-off with jitter (the wait before retry {@code k} is uniform in
 * [b/2, b] with {@code b = base * 2^k}, capped), unless the server said how long with {@code retry-after-ms}
 * (OpenAI SDKs) or {@code Retry-After} (RFC 9110 section 10.2.3: seconds or an HTTP date).
 */
final class RetryPolicy {
    static final Duration BASE = Duration.ofMillis(500);
    static final Duration CAP = Duration.ofSeconds(30);
    /** The longest server-requested wait honoured; longer ones are capped (a run should not hang for hours). */
    static final Duration MAX_SERVER_WAIT = Duration.ofMinutes(5);

    private final Clock clock;
    private final Random random;

    RetryPolicy(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /** Whether an HTTP status may succeed when repeated: 408, 409 (conflict while loading), 429 and 5xx. */
    static boolean retriableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** The wait before retry number {@code attempt} (0 = the first retry). */
    Duration wait(int attempt, HttpHeaders headers) {
        Optional<Duration> server = headers == null ? Optional.empty() : serverWait(headers);
        if (server.isPresent()) {
            Duration d = server.get();
            return d.compareTo(MAX_SERVER_WAIT) > 0 ? MAX_SERVER_WAIT : d;
        }
        long b = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(b / 2 + (long) (random.nextDouble() * (b / 2.0)));
    }

    /** The wait the server asked for, if any (never negative). */
    Optional<Duration> serverWait(HttpHeaders headers) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(ms.get().strip())))));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        Optional<String> ra = headers.firstValue("retry-after");
        if (ra.isEmpty()) {
            return Optional.empty();
        }
        String v = ra.get().strip();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
