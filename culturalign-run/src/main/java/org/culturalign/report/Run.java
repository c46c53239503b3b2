package org.culturalign.report;

import java.util.List;

/**
 * One run folder as the report sees it.
 *
 * @param results {@code results.json}
 * @param samples {@code samples.jsonl}, in file order
 */
public record Run(RunResults results, List<Sample> samples) {
    /** A short label for the run: its folder name. */
    public String label() {
        return results.dir().toAbsolutePath().normalize().getFileName().toString();
    }
}
