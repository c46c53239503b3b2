package org.culturalign.icl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.culturalign.InvalidInputException;

/** Finds demonstration selectors by their command-line name. */
public final class DemonstrationSelectors {
    private DemonstrationSelectors() {
    }

    /** Names of the built-in selectors ({@code fixed} takes ids: {@code fixed:Q1,Q2}). */
    public static final List<String> BUILT_IN = List.of(RandomSelector.NAME, CategorySelector.NAME,
            ChrfSelector.NAME, "fixed:Q1,Q2,...");

    /** Name of the optional selector of the culturalign-embedding module. */
    public static final String EMBEDDING = "embedding";

    /**
     * The selector with this name: {@code random}, {@code category}, {@code chrf}, {@code fixed:Q1,Q2,...}, or one
     * found by {@link ServiceLoader} whose {@link DemonstrationSelector#name()} equals the name (e.g.
     * {@code embedding} when that module is on the class path). Built-in names are case-insensitive.
     *
     * @throws InvalidInputException for an unknown name, listing the valid ones
     */
    public static DemonstrationSelector byName(String name) {
        String n = name == null ? "" : name.strip();
        String lower = n.toLowerCase(Locale.ROOT);
        switch (lower) {
            case RandomSelector.NAME:
                return new RandomSelector();
            case CategorySelector.NAME:
                return new CategorySelector();
            case ChrfSelector.NAME:
                return new ChrfSelector();
            default:
                break;
        }
        if (lower.startsWith(FixedSelector.PREFIX)) {
            return FixedSelector.parse(n);
        }
        List<String> valid = new ArrayList<>(BUILT_IN);
        for (DemonstrationSelector s : ServiceLoader.load(DemonstrationSelector.class)) {
            if (s.name().equals(n)) {
                return s;
            }
            valid.add(s.name());
        }
        if (lower.equals(EMBEDDING)) {
            // a known selector whose optional module is absent deserves a better answer than "unknown"
            throw new InvalidInputException("demonstration selector 'embedding' is not installed: it needs the "
                    + "culturalign-embedding module (ONNX Runtime + all-MiniLM-L6-v2, ~170 MB) on the class path; "
                    + "bin/culturalign includes it, or add org.culturalign:culturalign-embedding as a dependency; "
                    + "available now: " + String.join(", ", valid));
        }
        throw new InvalidInputException("unknown demonstration selector '" + n + "'; expected one of "
                + String.join(", ", valid) + nearest(n, valid));
    }

    /** Names of all selectors available now (built-in and found by ServiceLoader). */
    public static List<String> available() {
        List<String> names = new ArrayList<>(BUILT_IN);
        ServiceLoader.load(DemonstrationSelector.class).forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * "; did you mean X?" for the closest valid name by edit distance (case-insensitive, at most 3 edits; ties by
     * name), or "" when none is that close. For one-line input errors.
     */
    public static String nearest(String name, List<String> valid) {
        return valid.stream()
                .min(Comparator.comparingInt((String v) -> editDistance(name.toLowerCase(Locale.ROOT),
                        v.toLowerCase(Locale.ROOT))).thenComparing(v -> v))
                .filter(v -> editDistance(name.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)) <= 3)
                .map(v -> "; did you mean " + v + "?").orElse("");
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
