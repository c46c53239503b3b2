package org.culturalign.served.openai;

import java.util.ArrayList;
import java.util.List;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.ModelException;
import org.culturalign.model.TokenLogprob;

/**
 * Reads option probabilities from a next-token top list (GlobalOpinionQA's next-token label probabilities, Durmus et
 * al. 2023). One option can surface as several tokens ({@code " B"} on completion endpoints, {@code "B"} on chat
 * endpoints, {@code "(B"} after "Answer:"); all listed tokens whose core (the text without surrounding whitespace,
 * opening brackets / quotes / asterisks and closing brackets / punctuation) equals the option's core are summed. An
 * option none of whose forms is listed gets the smallest listed log-probability as an upper bound
 * ({@code exact = false}): a token outside the top N is at most as likely as the N-th.
 */
final class OptionTokens {
    private OptionTokens() {
    }

    /** The comparable core of an option or token, e.g. {@code " (B"} and {@code "B."} are both {@code "B"}. */
    static String core(String s) {
        return s.strip().replaceAll("^[(\\[*\"'`]+", "").replaceAll("[)\\].:*\"'`]+$", "").strip();
    }

    /**
     * @throws ModelException (not retriable) when no option appears in the list: a distribution made of upper bounds
     *                        only would be uniform, i.e. made up
     */
    static List<ContinuationScore> score(List<String> continuations, List<TokenLogprob> top, String context) {
        double smallest = Double.POSITIVE_INFINITY;
        for (TokenLogprob t : top) {
            smallest = Math.min(smallest, t.logprob());
        }
        List<ContinuationScore> scores = new ArrayList<>();
        boolean any = false;
        for (String c : continuations) {
            String core = core(c);
            double max = Double.NEGATIVE_INFINITY;
            List<Double> found = new ArrayList<>();
            for (TokenLogprob t : top) {
                if (!core.isEmpty() && core(t.token()).equals(core)) {
                    found.add(t.logprob());
                    max = Math.max(max, t.logprob());
                }
            }
            if (found.isEmpty() || max == Double.NEGATIVE_INFINITY) {
                scores.add(new ContinuationScore(c, smallest, 0, false));
            } else {
                double s = 0;
                for (double l : found) {
                    s += Math.exp(l - max);
                }
                scores.add(ContinuationScore.exact(c, Math.min(0, max + Math.log(s)), 1));
                any = true;
            }
        }
        if (!any) {
            throw new ModelException("openai: " + context + ": none of the options " + continuations
                    + " is among the " + top.size() + " most likely next tokens " + top.stream()
                    .limit(10).map(t -> "\"" + t.token() + "\"").toList()
                    + "; the prompt must end right before the answer label (or use mode=generate)", false);
        }
        return scores;
    }

    /** The instruction added to a chat turn when no answer prefix can be prefilled. */
    static String instruction(List<String> continuations) {
        boolean letters = true;
        boolean numbers = true;
        for (String c : continuations) {
            String core = core(c);
            letters &= core.matches("\\p{L}");
            numbers &= core.matches("\\d+");
        }
        return letters ? "Answer with the letter only." : numbers ? "Answer with the number only."
                : "Answer with the option only.";
    }
}
