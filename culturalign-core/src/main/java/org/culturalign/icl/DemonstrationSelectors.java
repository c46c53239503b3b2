package org.culturalign.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;

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
     * {@code embedding} when that module is on the class path). Built-in names are case-insensitive. A name ending in
     * {@code @orderN} is that selector's choice in the N-th seeded random order ({@link ShuffledOrder}).
     *
     * @throws InvalidInputException for an unknown name, listing the valid ones
     */
    public static DemonstrationSelector byName(String name) {
        Optional<ShuffledOrder.Variant> variant = ShuffledOrder.parse(name);
        if (variant.isPresent()) {
            return new ShuffledOrder(byName(variant.get().base()), variant.get().order());
        }
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
                + String.join(", ", valid) + NearestNames.didYouMean(n, valid, 3));
    }

    /** Names of all selectors available now (built-in and found by ServiceLoader). */
    public static List<String> available() {
        List<String> names = new ArrayList<>(BUILT_IN);
        ServiceLoader.load(DemonstrationSelector.class).forEach(s -> names.add(s.name()));
        return names;
    }
}
