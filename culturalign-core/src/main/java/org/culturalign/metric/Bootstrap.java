package org.culturalign.metric;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Paired bootstrap confidence intervals (Efron &amp; Tibshirani 1993, "An Introduction to the Bootstrap", ch. 13:
 * percentile intervals), used for the in-context learning gain {@code dS = S(k shots) - S(0 shots)} of one country
 * over its questions.
 */
public final class Bootstrap {
    /** Fewest resamples accepted: percentile ends at 2.5% / 97.5% need about a thousand to be stable. */
    public static final int MIN_RESAMPLES = 1000;
    /** The interval's confidence level. */
    public static final double LEVEL = 0.95;

    private Bootstrap() {
    }

    /**
     * The per-pair differences {@code treated_i - control_i}, validated for the paired procedures of this package.
     *
     * @param test the procedure's name for the error message, e.g. "the paired bootstrap"
     * @throws IllegalArgumentException for null or empty arrays, different lengths or a non-finite value
     */
    static double[] pairedDifferences(double[] treated, double[] control, String test) {
        if (treated == null || control == null || treated.length == 0) {
            throw new IllegalArgumentException(test + " needs at least one (treated, control) pair");
        }
        if (treated.length != control.length) {
            throw new IllegalArgumentException("treated and control must pair up question by question, got "
                    + treated.length + " and " + control.length + " values");
        }
        double[] d = new double[treated.length];
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(treated[i]) || !Double.isFinite(control[i])) {
                throw new IllegalArgumentException("pair " + i + " is not finite: treated " + treated[i]
                        + ", control " + control[i]);
            }
            d[i] = treated[i] - control[i];
        }
        return d;
    }

    /**
     * The mean paired difference {@code mean_i (treated_i - control_i)} with a 95% percentile bootstrap interval:
     * each resample draws n question indices uniformly with replacement (pairs stay together, so the
     * question-to-question variation common to both arms cancels), and the interval ends are the 2.5th and 97.5th
     * percentiles (R-7 / linear interpolation, commons-math3 {@link Percentile}) of the resampled means.
     * Deterministic: the resamples come from {@link SplittableRandom} seeded with {@code seed}, so the same inputs
     * and seed give the same interval on every JVM. With n = 1 the interval is the single difference.
     *
     * @param treated   per-question values under the treatment (e.g. similarity with k shots)
     * @param control   per-question values under the control (e.g. similarity with 0 shots), same questions, same
     *                  order
     * @param resamples number of bootstrap resamples, at least {@link #MIN_RESAMPLES}
     * @param seed      random seed
     * @throws IllegalArgumentException for null or empty arrays, different lengths, non-finite values, or too few
     *                                  resamples
     */
    public static Interval pairedMeanDifference(double[] treated, double[] control, int resamples, long seed) {
        double[] d = pairedDifferences(treated, control, "the paired bootstrap");
        if (resamples < MIN_RESAMPLES) {
            throw new IllegalArgumentException("the bootstrap needs at least " + MIN_RESAMPLES + " resamples, got "
                    + resamples);
        }
        int n = d.length;
        double sum = 0;
        for (double x : d) {
            sum += x;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += d[random.nextInt(n)];
            }
            means[b] = s / n;
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(means);
        double alpha = (1 - LEVEL) / 2;
        double lower = percentile.evaluate(100 * alpha);
        double upper = percentile.evaluate(100 * (1 - alpha));
        return new Interval(sum / n, lower, upper, n, resamples, seed);
    }
}
