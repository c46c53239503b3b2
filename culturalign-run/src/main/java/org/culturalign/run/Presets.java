package org.culturalign.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.CountryLanguages;

/**
 * Named evaluation setups ({@code eval --preset NAME}): a base config that the command line's flags override one by
 * one, as they override a {@code --config} file. What each preset takes from its source and what is our choice:
 * {@code docs/presets.md}.
 */
public final class Presets {
    /** Self-alignment as described by Choenni &amp; Shutova 2024 (arXiv 2408.16482). */
    public static final String CHOENNI_SHUTOVA_2024 = "choenni-shutova-2024";
    /** The preset names. */
    public static final List<String> NAMES = List.of(CHOENNI_SHUTOVA_2024);
    /**
     * The preset's countries (our choice; the paper's own list is not reproduced here): ten culturally diverse
     * countries of the bundled sample, five of them with texts in their own language (DEU de, RUS ru, CHN zh, MEX es;
     * USA en).
     */
    public static final List<String> CHOENNI_SHUTOVA_COUNTRIES = List.of("USA", "DEU", "RUS", "CHN", "THA", "IND",
            "NGA", "ETH", "BRA", "MEX");

    private Presets() {
    }

    /**
     * The preset's base config: binary (two-pole cloze) probes, selectors random / category (random within the test
     * item's WVS category) / chrF++, k = 0 and 5, each country in English and in its own language
     * ({@link EvalConfig#PAIRING_ENGLISH_AND_OWN}), demonstrations answered with the country's majority option, the
     * completion template scoring option labels, no persona; the demo model on the embedded default's questions
     * unless {@code --model} / {@code --data} / a question selection says otherwise. Its languages are those of the
     * bundled sample; {@code eval} recomputes them ({@link #languagesFor}) for other countries or data.
     *
     * @throws InvalidInputException for an unknown name, naming the known ones
     */
    public static EvalConfig base(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!n.equals(CHOENNI_SHUTOVA_2024)) {
            throw new InvalidInputException("--preset: unknown preset '" + name + "'; presets: "
                    + String.join(", ", NAMES) + NearestNames.didYouMean(n, NAMES, 4));
        }
        return new EvalConfig(List.of("demo"), Map.of(), null, CHOENNI_SHUTOVA_COUNTRIES,
                languagesFor(CHOENNI_SHUTOVA_COUNTRIES, BundledSample.load().languages()), List.of(0, 5), List.of("random", "category", "chrf"),
                List.of("binary"), List.of(false), null, EvalConfig.DEMO_QUESTIONS, null, EvalConfig.DEFAULT_SEED,
                "majority", "completion", "labels", EvalConfig.DEFAULT_BOOTSTRAP_RESAMPLES,
                EvalConfig.DEFAULT_EXCLUDE_BATTERY, EvalConfig.PAIRING_ENGLISH_AND_OWN);
    }

    /**
     * English and the countries' own languages ({@link CountryLanguages}), in that order, keeping only languages the
     * data has texts in.
     *
     * @param countries     ISO 3166-1 alpha-3 codes
     * @param dataLanguages the languages of the survey data, or null for no filter
     */
    public static List<String> languagesFor(List<String> countries, Set<String> dataLanguages) {
        Set<String> out = new LinkedHashSet<>();
        out.add("en");
        for (String c : countries) {
            CountryLanguages.own(c.toUpperCase(java.util.Locale.ROOT)).ifPresent(out::add);
        }
        List<String> kept = new ArrayList<>();
        for (String l : out) {
            if (dataLanguages == null || dataLanguages.contains(l)) {
                kept.add(l);
            }
        }
        return kept;
    }
}
