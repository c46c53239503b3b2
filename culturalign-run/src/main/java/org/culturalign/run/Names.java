package org.culturalign.run;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean" for unknown names: the closest valid name by edit distance. */
final class Names {
    private Names() {
    }

    /** {@code "; did you mean X?"} for the closest valid name within 2 edits (case-insensitive), else "". */
    static String nearest(String name, Collection<String> valid) {
        String n = name.toLowerCase(Locale.ROOT);
        return valid.stream().min(Comparator.comparingInt((String v) -> distance(n, v.toLowerCase(Locale.ROOT)))
                        .thenComparing(v -> v))
                .filter(v -> distance(n, v.toLowerCase(Locale.ROOT)) <= 2)
                .map(v -> "; did you mean " + v + "?").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1),
                        Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
