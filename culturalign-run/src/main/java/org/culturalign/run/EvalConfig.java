package org.culturalign.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.culturalign.InvalidInputException;

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
 * @param limit               at most this many questions (after the filters above), or null for no limit
 * @param seed                run seed: demonstration choice, sampled answers, shuffles and bootstrap derive from it
 * @param answerMode          how demonstrations are answered: {@code majority} or {@code sampled}
 * @param template            prompt template: {@code completion}, {@code chat_one_turn}, {@code chat_multi_turn}
 * @param target              what is scored: {@code labels} (option letters) or {@code texts} (option texts)
 * @param bootstrapResamples  resamples of the bootstrap CIs (&gt;= 100)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonPropertyOrder(alphabetic = true)
public record EvalConfig(List<String> models, Map<String, String> modelArgs, String data, List<String> countries,
                         List<String> languages, List<Integer> shots, List<String> selectors, List<String> formats,
                         List<Boolean> persona, String category, List<String> questions, Integer limit, long seed,
                         String answerMode, String template, String target, int bootstrapResamples) {

    /** The embedded default's countries: culturally diverse (Inglehart-Welzel zones), all with bundled data. */
    public static final List<String> DEFAULT_COUNTRIES = List.of("USA", "DEU", "NGA", "CHN", "BRA", "IND");
    /** Default seed (any fixed number; recorded with the run). */
    public static final long DEFAULT_SEED = 1234;

    /** Normalises and checks the values that need no survey data (those are checked by {@link EvalPlan}). */
    public EvalConfig {
        models = nonEmpty(models, "models");
        modelArgs = modelArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(modelArgs));
        countries = upper(nonEmpty(countries, "countries"));
        languages = nonEmpty(languages, "languages");
        shots = distinctSorted(nonEmpty(shots, "shots"));
        for (int k : shots) {
            if (k < 0) {
                throw new InvalidInputException("--shots: the number of demonstrations must be >= 0, got " + k);
            }
        }
        boolean needsSelectors = shots.stream().anyMatch(k -> k > 0);
        selectors = selectors == null || selectors.isEmpty()
                ? (needsSelectors ? fail("--selectors: shots " + shots + " need at least one selector") : List.of())
                : distinct(selectors);
        formats = distinct(nonEmpty(formats, "formats").stream().map(f -> f.strip().toLowerCase(java.util.Locale.ROOT))
                .toList());
        persona = persona == null || persona.isEmpty() ? List.of(false) : distinct(persona);
        category = category == null || category.isBlank() ? null : category;
        questions = questions == null ? List.of() : distinct(questions.stream().map(String::strip).toList());
        if (limit != null && limit <= 0) {
            throw new InvalidInputException("--limit: must be a positive number of questions, got " + limit);
        }
        answerMode = lower(answerMode, "majority");
        template = lower(template, "completion");
        target = lower(target, "labels");
        if (bootstrapResamples == 0) {
            bootstrapResamples = 1000;
        }
        if (bootstrapResamples < 100) {
            throw new InvalidInputException("--bootstrap-resamples: at least 100 needed, got " + bootstrapResamples);
        }
    }

    /**
     * The embedded default grid: bundled WVS-7 sample, 6 culturally diverse countries, English and German, shots 0
     * and 5, selectors chrf and category, full format, no persona, the demo model.
     */
    public static EvalConfig embeddedDefault() {
        return new EvalConfig(List.of("demo"), Map.of(), null, DEFAULT_COUNTRIES, List.of("en", "de"), List.of(0, 5),
                List.of("chrf", "category"), List.of("full"), List.of(false), null, List.of(), null, DEFAULT_SEED,
                "majority", "completion", "labels", 1000);
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
