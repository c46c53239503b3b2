package org.culturalign;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The valid names closest to a mistyped one, for "unknown X 'foo'; nearest: ..." messages. Distance is the
 * case-insensitive Levenshtein edit distance; a valid name that starts with the input counts as distance 1.
 */
public final class NearestNames {
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    private NearestNames() {
    }

    /**
     * Up to {@code max} valid names nearest to {@code input}, nearest first; among equally near names, those of
     * similar length first, then in the order of {@code valid}.
     *
     * @param input what the user typed
     * @param valid the names that would have been accepted
     * @param max   how many to return at most
     */
    public static List<String> nearest(String input, Collection<String> valid, int max) {
        String in = input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
        return valid.stream()
                .sorted(Comparator.<String>comparingInt(name -> distance(in, name.toLowerCase(Locale.ROOT)))
                        .thenComparingInt(name -> Math.abs(name.length() - in.length())))
                .limit(max)
                .toList();
    }

    /** The nearest names joined for a message, e.g. "Q182, Q184, Q185". */
    public static String nearestList(String input, Collection<String> valid, int max) {
        return String.join(", ", nearest(input, valid, max));
    }

    /**
     * {@code "; did you mean X?"} naming the valid name with the smallest case-insensitive Levenshtein distance to
     * {@code input} (ties: the alphabetically first), or {@code ""} when even that one is more than {@code maxEdits}
     * edits away. For appending to a one-line input error.
     *
     * @param input    what the user typed
     * @param valid    the names that would have been accepted
     * @param maxEdits the largest distance still worth suggesting
     */
    public static String didYouMean(String input, Collection<String> valid, int maxEdits) {
        String in = input.toLowerCase(Locale.ROOT);
        return valid.stream()
                .min(Comparator.comparingInt((String v) -> LEVENSHTEIN.apply(in, v.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(v -> LEVENSHTEIN.apply(in, v.toLowerCase(Locale.ROOT)) <= maxEdits)
                .map(v -> "; did you mean " + v + "?")
                .orElse("");
    }

    private static int distance(String input, String name) {
        if (!input.isEmpty() && name.startsWith(input)) {
            return Math.min(1, LEVENSHTEIN.apply(input, name));
        }
        return LEVENSHTEIN.apply(input, name);
    }
}
