package org.culturalign.survey.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.culturalign.InvalidInputException;

/**
 * Which respondent weight the WVS importer applies. Shares are computed within one country, so {@code S018} (an
 * equilibrated weight, 1000 / sample size, constant within a country) gives the same shares as {@code NONE}, and
 * {@code W_WEIGHTxS018} the same shares as {@code W_WEIGHT}; they differ in the recorded weight sums. The WVS-7
 * codebook recommends {@code W_WEIGHT} for within-country estimates and {@code W_WEIGHT x S018} when pooling
 * countries so that each counts equally.
 */
public enum WeightScheme {
    /** The within-country design weight (the default). */
    W_WEIGHT("W_WEIGHT"),
    /** The equilibrated weight, 1000 / sample size. */
    S018("S018"),
    /** Their product. */
    W_WEIGHT_X_S018("W_WEIGHTxS018"),
    /** Every respondent weighs 1. */
    NONE("none");

    private final String label;

    WeightScheme(String label) {
        this.label = label;
    }

    /** The spelling on the command line, e.g. {@code W_WEIGHTxS018}. */
    public String label() {
        return label;
    }

    /**
     * Parses a command-line spelling, case-insensitively.
     *
     * @throws InvalidInputException naming the valid spellings
     */
    public static WeightScheme parse(String text) {
        for (WeightScheme w : values()) {
            if (w.label.equalsIgnoreCase(text.strip()) || w.name().equalsIgnoreCase(text.strip())) {
                return w;
            }
        }
        throw new InvalidInputException("--weight " + text + ": unknown weight; expected one of "
                + Arrays.stream(values()).map(WeightScheme::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
