package org.culturalign.survey.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import read, kept and skipped, and why: counters (rows, cells, countries, items), each skipped thing with
 * its reason, and notes (e.g. uncatalogued items imported with generic labels). Printed by
 * {@code culturalign data import}.
 */
public final class ImportSummary {
    /** Something left out of the output, e.g. {@code ("line 7", "all shares are 0")}. */
    public record Skipped(String what, String reason) {
        @Override
        public String toString() {
            return what + ": " + reason;
        }
    }

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void count(String name, long value) {
        counts.put(name, value);
    }

    void add(String name, long delta) {
        counts.merge(name, delta, Long::sum);
    }

    void skip(String what, String reason) {
        skipped.add(new Skipped(what, reason));
    }

    void note(String note) {
        notes.add(note);
    }

    /** Counters in the order they were recorded, e.g. "rows read" to 97220. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** A counter, 0 when it was never recorded. */
    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** Everything skipped, with its reason, in the order found. */
    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** Other things the user should know. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Printable lines: counters, then notes, then skipped things (at most {@code maxSkipped}, then a count). */
    public List<String> lines(int maxSkipped) {
        List<String> lines = new ArrayList<>();
        counts.forEach((k, v) -> lines.add(k + ": " + v));
        notes.forEach(n -> lines.add("note: " + n));
        for (int i = 0; i < skipped.size(); i++) {
            if (i == maxSkipped) {
                lines.add("skipped: ... and " + (skipped.size() - maxSkipped) + " more");
                break;
            }
            lines.add("skipped " + skipped.get(i));
        }
        return lines;
    }
}
