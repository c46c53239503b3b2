package org.culturalign.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.culturalign.model.RetryEvent;
import org.culturalign.model.RetryObserver;

/**
 * Counts the retries the backends of a run made, by what failed ({@link RetryEvent#status}: an HTTP status,
 * {@code timeout} or {@code connection}): how many retries, how long they waited in total (milliseconds, the waits
 * announced) and how many requests were given up. Kept in {@code run.db} across the invocations of a run
 * ({@link RunStore#addRetries}) and written as {@code provenance.retries} of results.json ({@link #toJson}).
 * Thread-safe.
 */
public final class RetryCounts implements RetryObserver {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The counts of one status.
     *
     * @param retries  retries made (waits started)
     * @param waitedMs total wait before them, in milliseconds
     * @param gaveUp   requests given up after a failure of this status (retries spent, or a wait longer than allowed)
     */
    public record Count(long retries, long waitedMs, long gaveUp) {
        Count plus(Count o) {
            return new Count(retries + o.retries, waitedMs + o.waitedMs, gaveUp + o.gaveUp);
        }
    }

    private final Map<String, Count> byStatus = new TreeMap<>();

    @Override
    public synchronized void waiting(RetryEvent e) {
        byStatus.merge(e.status(), new Count(1, e.delay().toMillis(), 0), Count::plus);
    }

    @Override
    public synchronized void gaveUp(RetryEvent e) {
        byStatus.merge(e.status(), new Count(0, 0, 1), Count::plus);
    }

    /** The counts so far, by status in order. */
    public synchronized Map<String, Count> snapshot() {
        return new TreeMap<>(byStatus);
    }

    /**
     * The {@code provenance.retries} object: totals ({@code retries}, {@code waitedSeconds}, {@code gaveUp}) and the
     * same per status in {@code byStatus} (keys in order; empty when no request was retried).
     */
    public static ObjectNode toJson(Map<String, Count> byStatus) {
        Count total = byStatus.values().stream().reduce(new Count(0, 0, 0), Count::plus);
        ObjectNode n = fill(JSON.createObjectNode(), total);
        ObjectNode per = n.putObject("byStatus");
        new TreeMap<>(byStatus).forEach((status, c) -> fill(per.putObject(status), c));
        return n;
    }

    private static ObjectNode fill(ObjectNode n, Count c) {
        return n.put("retries", c.retries()).put("waitedSeconds", c.waitedMs() / 1000.0).put("gaveUp", c.gaveUp());
    }

    /**
     * One line for people, e.g. {@code "3 retries, 5 s waited (429: 2 retries, 4 s; timeout: 1 retry, 1 s);
     * 1 request given up (429)"}, {@code "none"} for a run without retries, or {@code "not recorded"} when the
     * object is missing (results.json written before retries were counted).
     */
    public static String describe(JsonNode retries) {
        if (retries == null || retries.isMissingNode() || retries.isNull()) {
            return "not recorded";
        }
        long n = retries.path("retries").asLong();
        long gaveUp = retries.path("gaveUp").asLong();
        if (n == 0 && gaveUp == 0) {
            return "none";
        }
        StringBuilder b = new StringBuilder(plural(n, "retry", "retries")).append(", ")
                .append(seconds(retries.path("waitedSeconds").asDouble())).append(" waited");
        StringBuilder per = new StringBuilder();
        StringBuilder given = new StringBuilder();
        retries.path("byStatus").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            if (c.path("retries").asLong() > 0) {
                per.append(per.length() == 0 ? "" : "; ").append(e.getKey()).append(": ")
                        .append(plural(c.path("retries").asLong(), "retry", "retries")).append(", ")
                        .append(seconds(c.path("waitedSeconds").asDouble()));
            }
            if (c.path("gaveUp").asLong() > 0) {
                given.append(given.length() == 0 ? "" : ", ").append(e.getKey())
                        .append(c.path("gaveUp").asLong() > 1 ? " x" + c.path("gaveUp").asLong() : "");
            }
        });
        if (per.length() > 0) {
            b.append(" (").append(per).append(')');
        }
        if (gaveUp > 0) {
            b.append("; ").append(plural(gaveUp, "request", "requests")).append(" given up (").append(given)
                    .append(')');
        }
        return b.toString();
    }

    private static String seconds(double s) {
        return RetryEvent.seconds(java.time.Duration.ofMillis(Math.round(s * 1000)));
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
