package org.culturalign.probe;

import java.util.Locale;

/**
 * How a question is rendered as a probe. {@code FULL} and {@code BINARY} are the main formats; the others are
 * robustness variants of {@code FULL} (Khan et al. 2025: answers move with option order and label type).
 */
public enum ProbeFormat {
    /** All options, lettered A, B, C, ... in scale order. */
    FULL,
    /** The scale collapsed to its two poles (the two-option cloze probe of Choenni &amp; Shutova 2024). */
    BINARY,
    /** All options, lettered, in reversed scale order. */
    REVERSED,
    /** All options, lettered, in a seeded shuffled order. */
    SHUFFLED,
    /** All options in scale order, labelled 1, 2, 3, ... instead of letters. */
    NUMERIC;

    /** The command-line name, e.g. "binary". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line name case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid formats
     */
    public static ProbeFormat parse(String name) {
        for (ProbeFormat f : values()) {
            if (f.cliName().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown probe format '" + name
                + "'; expected one of full, binary, reversed, shuffled, numeric");
    }
}
