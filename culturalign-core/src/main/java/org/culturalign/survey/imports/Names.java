package org.culturalign.survey.imports;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Closest-name suggestions for messages about unknown names (case-insensitive Levenshtein distance). */
final class Names {
    private Names() {
    }

    /** Up to three valid names closest to {@code wanted}, joined with ", ", or empty when there are none. */
    static Optional<String> nearest(String wanted, Collection<String> valid) {
        String w = wanted.toUpperCase(Locale.ROOT);
        List<String> best = valid.stream().filter(v -> !v.isBlank())
                .sorted(Comparator.comparingInt((String v) -> distance(w, v.toUpperCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3).toList();
        return best.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", best));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
