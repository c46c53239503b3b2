package org.culturalign.probe;

import java.util.Arrays;
import java.util.List;
import org.culturalign.model.ContinuationScore;

/**
 * The model's answer to a probe read as a probability distribution over the probe's options (GlobalOpinionQA,
 * Durmus et al. 2023, next-token label probabilities): {@code p_i = exp(l_i) / sum_j exp(l_j)} over the
 * continuations' log-probabilities {@code l_i}, plus the coverage {@code sum_j exp(l_j)}, the probability mass the
 * options received before renormalising (low coverage: the model wanted to say something else).
 */
public final class AnswerDistribution {
    private final double[] probabilities;
    private final double coverage;
    private final boolean exact;

    private AnswerDistribution(double[] probabilities, double coverage, boolean exact) {
        this.probabilities = probabilities;
        this.coverage = coverage;
        this.exact = exact;
    }

    /**
     * Renormalises continuation log-probabilities over the options, computed stably (log-sum-exp).
     *
     * @param scores one score per option, in the probe's continuation order
     * @return probabilities summing to 1 and the coverage in [0, 1] (the sum of the un-normalised probabilities;
     *         an upper bound when any score is only a bound)
     * @throws IllegalArgumentException for fewer than two scores or a NaN / positive log-probability
     */
    public static AnswerDistribution fromScores(List<ContinuationScore> scores) {
        double[] logprobs = new double[scores.size()];
        boolean exact = true;
        for (int i = 0; i < logprobs.length; i++) {
            logprobs[i] = scores.get(i).logprob();
            exact &= scores.get(i).exact();
        }
        AnswerDistribution d = fromLogprobs(logprobs);
        return new AnswerDistribution(d.probabilities, d.coverage, exact);
    }

    /**
     * Renormalises natural-log probabilities over the options.
     *
     * @param logprobs one per option, each &lt;= 0 (a tolerance of 1e-6 above 0 is clamped: float rounding)
     * @throws IllegalArgumentException for fewer than two values, NaN, or a value clearly above 0
     */
    public static AnswerDistribution fromLogprobs(double[] logprobs) {
        if (logprobs.length < 2) {
            throw new IllegalArgumentException("an answer distribution needs at least two options");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logprobs) {
            if (Double.isNaN(l) || l > 1e-6) {
                throw new IllegalArgumentException("log-probabilities must be <= 0, got " + Arrays.toString(logprobs));
            }
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every option has probability 0: " + Arrays.toString(logprobs));
        }
        double sum = 0;
        double[] p = new double[logprobs.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logprobs[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        double coverage = Math.min(1.0, Math.exp(max) * sum);
        return new AnswerDistribution(p, coverage, true);
    }

    /** Number of options. */
    public int size() {
        return probabilities.length;
    }

    /** Probability of option {@code i} (probe continuation order), in [0, 1]. */
    public double probability(int i) {
        return probabilities[i];
    }

    /** A copy of the probabilities over options; sums to 1. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Probability mass the options had before renormalising, in [0, 1]. */
    public double coverage() {
        return coverage;
    }

    /** False when some option's log-probability was only an upper bound (absent from a top-N list). */
    public boolean exact() {
        return exact;
    }

    @Override
    public String toString() {
        return "AnswerDistribution" + Arrays.toString(probabilities) + " coverage=" + coverage;
    }
}
