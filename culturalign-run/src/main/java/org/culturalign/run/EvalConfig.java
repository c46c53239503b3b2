package org.culturalign.run;


import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.culturalign.InvalidInputException;
import org.culturalign.survey.Countries;
import org.culturalign.survey.SurveyData;

/**
 * What an evaluation computes: the grid (models x countries x languages x shots x selectors x formats x persona) over
 * a question set, with its seeds and scoring choices. Everything that changes a number is here, and nothing else:
 * where results go, the cache file and the concurrency are {@link RunOptions}. The canonical JSON of this record is
 * hashed ({@link ConfigHash}) to identify a run with its output folder, and saved as {@code config.json}.
 *
 * @param models              model specs, e.g. {@code demo}, {@code llamacpp:/m/q.gguf}, {@code openai:URL#MODEL}
 * @param modelArgs           backend settings passed to every model ({@code --model-args k=v,...}); sorted
 * @param data                survey data file ({@code culturalign.survey/1} JSON), or null for the bundled sample
 * @param countries           ISO 3166-1 alpha-3 codes
 * @param languages           BCP 47 tags of the probe texts
 * @param shots               numbers of demonstrations k (0 = zero-shot), distinct, ascending
 * @param selectors           demonstration selector names (used for k &gt; 0)
 * @param formats             probe format names ({@code full}, {@code binary}, ...)
 * @param persona             persona settings to run (false = no persona, true = "answer as a person from ...")
 * @param category            only questions of this category, or null for all
 * @param questions           only these question ids (in this order), or empty for all
 * @param limit               at most this many questions (after the filters above): a whole number &gt;= 1, or a
 *                            fraction 0 &lt; x &lt; 1 of them rounded up (lm-evaluation-harness {@code --limit}); null
 *                            for no limit
 * @param seed                run seed: demonstration choice, sampled answers, shuffles and bootstrap derive from it
 * @param answerMode          how demonstrations are answered: {@code majority} or {@code sampled}
 * @param template            prompt template: {@code completion}, {@code chat_one_turn}, {@code chat_multi_turn}
 * @param target              what is scored: {@code labels} (option letters) or {@code texts} (option texts)
 * @param bootstrapResamples  resamples of the bootstrap CIs (&gt;= 1000)
 * @param excludeBattery      whether items of the test item's battery are kept out of the demonstration candidates
 *                            (null = {@link #DEFAULT_EXCLUDE_BATTERY})
 * @param languagePairing     which (country, language) pairs the grid holds: null or {@value #PAIRING_ALL} for every
 *                            pair; {@value #PAIRING_ENGLISH_AND_OWN} for English and each country's own language
 *                            ({@link org.culturalign.survey.CountryLanguages}) among {@code languages}. Left out of
 *                            the JSON when null, so configs without it keep their hash
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonPropertyOrder(alphabetic = true)
public record EvalConfig(List<String> models, Map<String, String> modelArgs, String data, List<String> countries,
                         List<String> languages, List<Integer> shots, List<String> selectors, List<String> formats,
                         List<Boolean> persona, String category, List<String> questions,
                         @JsonSerialize(using = LimitSerializer.class) Double limit, long seed, String answerMode,
                         String template, String target, int bootstrapResamples, Boolean excludeBattery,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String languagePairing) {

    /** The embedded default's countries: culturally diverse (Inglehart-Welzel zones), all with bundled data. */
    public static final List<String> DEFAULT_COUNTRIES = List.of("USA", "DEU", "NGA", "CHN", "BRA", "IND");
    /**
     * The questions of the embedded default (bundled sample, demo model, no question selection): one to four per
     * WVS-7 category (28), including the Inglehart-Welzel map items, so the default finishes in a few minutes on two
     * cores. Ordered round-robin over the 13 categories (the first of each category, then the second, ...), so
     * {@code --limit N} takes the first N and still spreads over the categories. Any other run gets every question of
     * its data unless a filter is given.
     */
    public static final List<String> DEMO_QUESTIONS = List.of(
            "Q1", "Q46", "Q57", "Q106", "Q112", "Q121", "Q131", "Q154", "Q158", "Q164", "Q177", "Q199", "Q235",
            "Q8", "Q49", "Q58", "Q110", "Q122", "Q132", "Q160", "Q169", "Q182", "Q209", "Q238",
            "Q27", "Q184", "Q254",
            "Q45");
    /**
     * Default seed (any fixed number; recorded with the run). Shared by {@code eval} and {@code prompt}, so that
     * {@code prompt} shows the prompt {@code eval} scores.
     */
    public static final long DEFAULT_SEED = 1234;
    /**
     * Default battery setting of {@code eval} and {@code prompt}: items of the test item's battery (e.g. the Q1-Q6
     * "how important is ... in your life" battery) are not demonstrations for it, since they share its wording and
     * answer scale and would make the task a copy of a neighbouring answer.
     */
    public static final boolean DEFAULT_EXCLUDE_BATTERY = true;
    /** Default demonstration answers ({@code majority}). */
    public static final String DEFAULT_ANSWER_MODE = "majority";
    /** Default prompt template ({@code completion}). */
    public static final String DEFAULT_TEMPLATE = "completion";
    /** Default scored target ({@code labels}). */
    public static final String DEFAULT_TARGET = "labels";
    /** Default probe format ({@code full}). */
    public static final String DEFAULT_FORMAT = "full";
    /** Language pairing: every (country, language) pair. */
    public static final String PAIRING_ALL = "all";
    /** Language pairing: each country in English and in its own language. */
    public static final String PAIRING_ENGLISH_AND_OWN = "english-and-own";
    /** Default bootstrap resamples (also the minimum). */
    public static final int DEFAULT_BOOTSTRAP_RESAMPLES = 1000;

    /** Normalises and checks the values that need no survey data (those are checked by {@link EvalPlan}). */
    public EvalConfig {
        models = distinct(nonEmpty(models, "models").stream().map(String::strip).toList());
        modelArgs = modelArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(modelArgs));
        countries = upper(nonEmpty(countries, "countries"));
        languages = distinct(nonEmpty(languages, "languages").stream().map(String::strip).toList());
        shots = distinctSorted(nonEmpty(shots, "shots"));
        for (int k : shots) {
            if (k < 0) {
                throw new InvalidInputException("--shots: the number of demonstrations must be >= 0, got " + k);
            }
        }
        boolean needsSelectors = shots.stream().anyMatch(k -> k > 0);
        selectors = selectors == null || selectors.isEmpty()
                ? (needsSelectors ? fail("--selectors: shots " + shots + " need at least one selector") : List.of())
                : distinct(selectors.stream().map(EvalConfig::canonicalSelector).toList());
        formats = distinct(nonEmpty(formats, "formats").stream().map(f -> f.strip().toLowerCase(java.util.Locale.ROOT))
                .toList());
        persona = persona == null || persona.isEmpty() ? List.of(false) : distinct(persona);
        category = category == null || category.isBlank() ? null : category;
        questions = questions == null ? List.of() : distinct(questions.stream().map(String::strip).toList());
        if (limit != null && (!(limit > 0) || (limit >= 1 && limit != Math.rint(limit)) || limit.isInfinite())) {
            throw new InvalidInputException("--limit: expected a whole number of questions >= 1 or a fraction "
                    + "between 0 and 1 (exclusive), got " + LimitSerializer.text(limit));
        }
        answerMode = lower(answerMode, DEFAULT_ANSWER_MODE);
        template = lower(template, DEFAULT_TEMPLATE);
        target = lower(target, DEFAULT_TARGET);
        if (bootstrapResamples < DEFAULT_BOOTSTRAP_RESAMPLES) {
            throw new InvalidInputException("--bootstrap-resamples: at least " + DEFAULT_BOOTSTRAP_RESAMPLES
                    + " needed, got " + bootstrapResamples);
        }
        excludeBattery = excludeBattery == null ? DEFAULT_EXCLUDE_BATTERY : excludeBattery;
        languagePairing = languagePairing == null || languagePairing.isBlank()
                || languagePairing.strip().equalsIgnoreCase(PAIRING_ALL) ? null
                : languagePairing.strip().toLowerCase(java.util.Locale.ROOT);
        if (languagePairing != null && !languagePairing.equals(PAIRING_ENGLISH_AND_OWN)) {
            throw new InvalidInputException("--language-pairing: expected " + PAIRING_ALL + " or "
                    + PAIRING_ENGLISH_AND_OWN + ", got '" + languagePairing + "'");
        }
    }

    /** The config without a language pairing (every pair), as before pairings existed. */
    public EvalConfig(List<String> models, Map<String, String> modelArgs, String data, List<String> countries,
                      List<String> languages, List<Integer> shots, List<String> selectors, List<String> formats,
                      List<Boolean> persona, String category, List<String> questions, Double limit, long seed,
                      String answerMode, String template, String target, int bootstrapResamples,
                      Boolean excludeBattery) {
        this(models, modelArgs, data, countries, languages, shots, selectors, formats, persona, category, questions,
                limit, seed, answerMode, template, target, bootstrapResamples, excludeBattery, null);
    }

    /**
     * Whether the grid holds (country, language): always with no pairing; with {@value #PAIRING_ENGLISH_AND_OWN}
     * when the language is English or the country's own language.
     */
    public boolean pairs(String country, String language) {
        return languagePairing == null || language.equals("en")
                || org.culturalign.survey.CountryLanguages.own(country).filter(language::equals).isPresent();
    }

    /**
     * How many of {@code available} questions {@link #limit} keeps: all without a limit, {@code ceil(x * n)} for a
     * fraction x (at least 1, as lm-evaluation-harness rounds up), else {@code min(limit, n)}.
     */
    public int limitedCount(int available) {
        if (limit == null) {
            return available;
        }
        if (limit < 1) {
            return Math.min(available, Math.max(1, (int) Math.ceil(limit * available)));
        }
        return (int) Math.min(available, limit.longValue());
    }

    /** {@code fixed:Q1+Q2} and {@code fixed:Q1;Q2} are spelled {@code fixed:Q1,Q2}; other names as given. */
    static String canonicalSelector(String name) {
        String s = name == null ? null : name.strip();
        if (s != null && s.regionMatches(true, 0, "fixed:", 0, 6)) {
            return "fixed:" + String.join(",", java.util.Arrays.stream(s.substring(6).split("[,+;]"))
                    .map(String::strip).filter(x -> !x.isEmpty()).toList());
        }
        return s;
    }

    /** Writes a whole-number limit as an integer ({@code 10}, not {@code 10.0}), so config hashes stay stable. */
    static final class LimitSerializer extends StdSerializer<Double> {
        LimitSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == Math.rint(value) && !value.isInfinite()) {
                gen.writeNumber(value.longValue());
            } else {
                gen.writeNumber(value);
            }
        }

        static String text(Double value) {
            return value == Math.rint(value) && !value.isInfinite() ? Long.toString(value.longValue())
                    : value.toString();
        }
    }

    /**
     * The embedded default grid: bundled WVS-7 sample, 6 culturally diverse countries, English and German, shots 0
     * and 5, selectors chrf and category, full format, no persona, the demo model, the {@link #DEMO_QUESTIONS}.
     */
    public static EvalConfig embeddedDefault() {
        return new EvalConfig(List.of("demo"), Map.of(), null, DEFAULT_COUNTRIES, List.of("en", "de"), List.of(0, 5),
                List.of("chrf", "category"), List.of(DEFAULT_FORMAT), List.of(false), null, DEMO_QUESTIONS, null,
                DEFAULT_SEED, DEFAULT_ANSWER_MODE, DEFAULT_TEMPLATE, DEFAULT_TARGET, DEFAULT_BOOTSTRAP_RESAMPLES,
                DEFAULT_EXCLUDE_BATTERY);
    }

    /**
     * The {@link #DEMO_QUESTIONS} belong to the embedded default only: the demo model on the bundled sample with no
     * question selection (a {@code --limit} then takes the first N of them). When the questions were not given
     * explicitly and another model, {@code --data} or {@code --category} is set, every question of the data is used.
     *
     * @param questionsGiven whether the user set the question list (flag or config key)
     */
    public EvalConfig resolveDefaultQuestions(boolean questionsGiven) {
        boolean demoOnly = models.stream().allMatch(m -> m.equalsIgnoreCase("demo"));
        if (questionsGiven || !questions.equals(DEMO_QUESTIONS) || (demoOnly && data == null && category == null)) {
            return this;
        }
        return new EvalConfig(models, modelArgs, data, countries, languages, shots, selectors, formats, persona,
                category, List.of(), limit, seed, answerMode, template, target, bootstrapResamples, excludeBattery,
                languagePairing);
    }

    /**
     * The countries as ISO 3166-1 alpha-3 codes of {@code data}: what the user typed may be a code in any case, the
     * data's own name or an English name or alias ({@link Countries#resolve(String, SurveyData)}), so that
     * {@code --countries Germany} and {@code --countries DEU} are the same run (same config hash).
     *
     * @throws InvalidInputException for a country without data, naming the nearest ones
     */
    public EvalConfig resolveCountries(SurveyData survey) {
        List<String> codes = new ArrayList<>();
        for (String typed : countries) {
            try {
                codes.add(Countries.resolve(typed, survey).code());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--countries: " + e.getMessage(), e);
            }
        }
        if (codes.equals(countries)) {
            return this;
        }
        return new EvalConfig(models, modelArgs, data, codes, languages, shots, selectors, formats, persona,
                category, questions, limit, seed, answerMode, template, target, bootstrapResamples, excludeBattery,
                languagePairing);
    }

    /** A short folder-name description, e.g. {@code demo-6c-2l-k0-5}. */
    public String shortDescription() {
        String model = models.size() == 1 ? modelSlug(models.get(0)) : models.size() + "m";
        return model + "-" + countries.size() + "c-" + languages.size() + "l";
    }

    private static String modelSlug(String spec) {
        String s = spec;
        int hash = s.lastIndexOf('#');
        if (hash >= 0) {
            s = s.substring(hash + 1);
        }
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1).replaceAll("(?i)\\.gguf$", "");
        s = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) {
            s = "model";
        }
        return s.length() > 32 ? s.substring(0, 32) : s;
    }

    private static <T> T fail(String message) {
        throw new InvalidInputException(message);
    }

    private static <T> List<T> nonEmpty(List<T> values, String field) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInputException("--" + field + ": at least one value is needed");
        }
        for (T v : values) {
            if (v == null || (v instanceof String s && s.isBlank())) {
                throw new InvalidInputException("--" + field + ": blank value in " + values);
            }
        }
        return values;
    }

    private static <T> List<T> distinct(List<T> values) {
        return List.copyOf(new java.util.LinkedHashSet<>(values));
    }

    private static List<Integer> distinctSorted(List<Integer> values) {
        return new ArrayList<>(new java.util.TreeSet<>(values)).stream().toList();
    }

    private static List<String> upper(List<String> values) {
        return distinct(values.stream().map(v -> v.strip().toUpperCase(java.util.Locale.ROOT)).toList());
    }

    private static String lower(String value, String dflt) {
        return value == null || value.isBlank() ? dflt : value.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Model args as a mutable ordered map (for providers). */
    public Map<String, String> modelArgsMap() {
        return new LinkedHashMap<>(modelArgs);
    }
}
