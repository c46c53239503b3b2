package org.culturalign.model;

import java.time.Duration;
import java.util.Locale;

/**
 * One retry of a backend request, as a backend reports it to its {@link RetryObserver}: which server failed how, and
 * how long the backend waits before the retry.
 *
 * @param server     the server as {@code host:port} (no user info, no path), e.g. {@code 127.0.0.1:8000}
 * @param status     what failed: the HTTP status as digits ({@code "429"}, {@code "503"}), {@code "timeout"} (no reply
 *                   within the request timeout) or {@code "connection"} (refused, reset or cut connections)
 * @param reason     the failure in one line, e.g. {@code "HTTP 429: Rate limit reached (type rate_limit_error)"}
 * @param delay      how long the backend waits before the retry (never negative); for
 *                   {@link RetryObserver#gaveUp} the wait it would have needed (zero when its retries ran out)
 * @param retry      the number of the retry this wait precedes, from 1
 * @param maxRetries the retries allowed per request (e.g. the {@code max_retries} model arg)
 */
public record RetryEvent(String server, String status, String reason, Duration delay, int retry, int maxRetries) {
    /** Waits at least this long are said while they happen (shorter ones only counted), see {@link #shown()}. */
    public static final Duration SHOWN_FROM = Duration.ofSeconds(2);

    /** @throws IllegalArgumentException for a negative wait or retry numbers out of order */
    public RetryEvent {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        }
        if (retry < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("retry must be >= 1 and maxRetries >= 0, got " + retry + "/"
                    + maxRetries);
        }
    }

    /**
     * Whether a display should say this retry while it waits: every wait of {@link #SHOWN_FROM} or more, and every
     * retry after a timeout or a connection failure (the failed attempt itself may have taken up to the request
     * timeout, however short the wait after it).
     */
    public boolean shown() {
        return delay.compareTo(SHOWN_FROM) >= 0 || status.equals("timeout") || status.equals("connection");
    }

    /** The live line, e.g. {@code "waiting 42 s: 429 from 127.0.0.1:8000, retry 2/5"}. */
    public String describe() {
        return describe(delay);
    }

    /** The same with {@code remaining} instead of the whole wait (a countdown). */
    public String describe(Duration remaining) {
        return "waiting " + seconds(remaining) + ": " + status + " from " + server + ", retry " + retry + "/"
                + maxRetries;
    }

    /**
     * A duration in seconds for people: whole seconds from 10 s on ({@code "42 s"}, {@code "7200 s"}), else one
     * decimal without a trailing {@code .0} ({@code "1.5 s"}, {@code "2 s"}, {@code "0.4 s"}).
     */
    public static String seconds(Duration d) {
        double s = Math.max(0, d.toMillis()) / 1000.0;
        if (s >= 10) {
            return Math.round(s) + " s";
        }
        String one = String.format(Locale.ROOT, "%.1f", s);
        return (one.endsWith(".0") ? one.substring(0, one.length() - 2) : one) + " s";
    }
}
