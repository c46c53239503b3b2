package org.culturalign.probe;

import java.util.List;
import java.util.Locale;
import org.culturalign.InvalidInputException;

/** What is scored after the answer stem, and how the continuations' log-probabilities are compared. */
public enum ScoredTarget {
    /** The option labels (" A", " B", ...): next-token label probabilities, the GlobalOpinionQA way. The default. */
    LABELS,
    /**
     * The option texts (" Very important", ...): summed continuation log-likelihood, lm-evaluation-harness
     * {@code acc}. Longer options collect more negative log-probability, so short options are favoured.
     */
    TEXTS,
    /**
     * The option texts, each log-probability divided by the option's length in characters before renormalising:
     * lm-evaluation-harness {@code acc_norm} (see {@link #comparedLogprobs}). Same prompt and continuations as
     * {@link #TEXTS}; only the reading of the answer differs.
     */
    TEXTS_NORM;

    /** The command-line name, e.g. "labels", "texts-norm". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether option texts (not labels) are the continuations. */
    public boolean scoresTexts() {
        return this != LABELS;
    }

    /** The length normalisation applied when reading the answer: {@code "chars"} or {@code "none"}. */
    public String lengthNormalisation() {
        return this == TEXTS_NORM ? "chars" : "none";
    }

    /**
     * The log-probabilities the options are compared by (and renormalised over, {@link AnswerDistribution}). For
     * {@link #TEXTS_NORM}: {@code l_i / |t_i|}, where {@code l_i} is continuation i's summed natural-log probability
     * and {@code |t_i|} the length in characters (UTF-16 units, at least 1) of the option text, i.e. the continuation
     * without its leading separator whitespace; this is lm-evaluation-harness's {@code acc_norm}
     * ({@code lm_eval/api/task.py}, {@code ConfigurableTask.process_results}: {@code completion_len =
     * [len(choice) for choice in choices]}, {@code argmax(lls / completion_len)}), here kept as a distribution rather
     * than an argmax. Otherwise the log-probabilities unchanged.
     *
     * @param continuations the scored continuations, in probe order
     * @param logprobs      their log-probabilities, same order (&lt;= 0)
     * @return a new array, same order and length
     */
    public double[] comparedLogprobs(List<String> continuations, double[] logprobs) {
        double[] out = logprobs.clone();
        if (this == TEXTS_NORM) {
            for (int i = 0; i < out.length; i++) {
                out[i] = logprobs[i] / Math.max(1, continuations.get(i).stripLeading().length());
            }
        }
        return out;
    }

    /**
     * Parses a command-line name case-insensitively ({@code texts_norm} is accepted for {@code texts-norm}).
     *
     * @throws InvalidInputException naming the valid targets
     */
    public static ScoredTarget parse(String name) {
        String n = name.strip().replace('_', '-');
        for (ScoredTarget t : values()) {
            if (t.cliName().equalsIgnoreCase(n)) {
                return t;
            }
        }
        throw new InvalidInputException("unknown scored target '" + name + "'; expected labels, texts or texts-norm");
    }
}
