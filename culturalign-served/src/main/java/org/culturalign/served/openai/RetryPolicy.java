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
 * When to retry and how long to wait: exponential back-off with jitter (the wait before retry {@code k + 1} is
 * uniform in [b/2, b] with {@code b = base * 2^k}, capped at {@link #CAP} and at the caller's longest wait), unless
 * the server said how long with {@code retry-after-ms} (OpenAI SDKs) or {@code Retry-After} (RFC 9110 section
 * 10.2.3: seconds or an HTTP date). A server's wait is returned as asked, never shortened: whether it is too long is
 * the caller's decision ({@code max_retry_wait_s}).
 */
final class RetryPolicy {
    static final Duration BASE = Duration.ofMillis(500);
    static final Duration CAP = Duration.ofSeconds(30);

    private final Clock clock;
    private final Random random;

    RetryPolicy(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * A wait before a retry.
     *
     * @param duration how long (never negative)
     * @param header   the header that asked for it as received, e.g. {@code "Retry-After: 7200"}, or null for our own
     *                 back-off
     */
    record Wait(Duration duration, String header) {
        boolean serverAsked() {
            return header != null;
        }
    }

    /** Whether an HTTP status may succeed when repeated: 408, 409 (conflict while loading), 429 and 5xx. */
    static boolean retriableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * The wait before retry number {@code attempt + 1}: the server's, when its headers ask for one, else the
     * jittered back-off capped at {@code min(CAP, maxBackOff)}.
     *
     * @param headers the failed reply's headers, or null when there was no reply (timeout, connection failure)
     */
    Wait wait(int attempt, HttpHeaders headers, Duration maxBackOff) {
        Optional<Wait> server = headers == null ? Optional.empty() : serverWait(headers);
        if (server.isPresent()) {
            return server.get();
        }
        long cap = Math.min(CAP.toMillis(), maxBackOff.toMillis());
        long b = Math.min(cap, BASE.toMillis() << Math.min(attempt, 20));
        return new Wait(Duration.ofMillis(b / 2 + (long) (random.nextDouble() * (b / 2.0))), null);
    }

    /** The wait the server asked for, if any (never negative; a date in the past is no wait). */
    Optional<Wait> serverWait(HttpHeaders headers) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(new Wait(Duration.ofMillis(Math.max(0,
                        Math.round(Double.parseDouble(ms.get().strip())))), "retry-after-ms: " + ms.get().strip()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        Optional<String> ra = headers.firstValue("retry-after");
        if (ra.isEmpty()) {
            return Optional.empty();
        }
        String v = ra.get().strip();
        String header = "Retry-After: " + v;
        try {
            return Optional.of(new Wait(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v) * 1000))),
                    header));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(new Wait(d.isNegative() ? Duration.ZERO : d, header));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
