package org.culturalign.icl;

import java.util.Locale;
import org.culturalign.InvalidInputException;

/** Which answer a demonstration carries. */
public enum AnswerMode {
    /** The country's most frequent option; ties broken by the lower answer code. The default. */
    MAJORITY,
    /** An option drawn from the country's distribution, seeded per (seed, country, question). */
    SAMPLED;

    /** The command-line name, e.g. "majority". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line name case-insensitively.
     *
     * @throws InvalidInputException naming the valid modes
     */
    public static AnswerMode parse(String name) {
        for (AnswerMode m : values()) {
            if (m.cliName().equalsIgnoreCase(name.strip())) {
                return m;
            }
        }
        throw new InvalidInputException("unknown answer mode '" + name + "'; expected majority or sampled");
    }
}
