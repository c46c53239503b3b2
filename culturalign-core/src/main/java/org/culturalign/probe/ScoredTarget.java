package org.culturalign.probe;

import java.util.Locale;
import org.culturalign.InvalidInputException;

/** What is scored after the answer stem. */
public enum ScoredTarget {
    /** The option labels (" A", " B", ...): next-token label probabilities, the GlobalOpinionQA way. The default. */
    LABELS,
    /** The option texts (" Very important", ...): continuation log-likelihood, the lm-evaluation-harness way. */
    TEXTS;

    /** The command-line name, e.g. "labels". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line name case-insensitively.
     *
     * @throws InvalidInputException naming the valid targets
     */
    public static ScoredTarget parse(String name) {
        for (ScoredTarget t : values()) {
            if (t.cliName().equalsIgnoreCase(name.strip())) {
                return t;
            }
        }
        throw new InvalidInputException("unknown scored target '" + name + "'; expected labels or texts");
    }
}
