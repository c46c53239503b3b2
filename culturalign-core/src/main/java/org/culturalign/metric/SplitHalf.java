package org.culturalign.metric;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The human ceiling of an agreement metric: how well one random half of a country's respondents agrees with the other
 * half, by the very metric a model is scored with (split-half agreement; the split-half idea of Spearman 1910 and
 * Brown 1910, applied to an answer distribution instead of a test score). A model whose similarity reaches this
 * ceiling agrees with the country as well as the country's own sampled people agree with each other.
 *
 * <p>One split: the n respondents' answers are put in random order (a seeded partial Fisher-Yates shuffle) and the
 * first {@code floor(n/2)} form half A, the other {@code n - floor(n/2)} half B; each half's answer counts divided by
 * its size are its shares. For a single question only the answers matter, not who gave them, so splitting the answer
 * counts is exactly splitting respondent-level data (half A's counts are multivariate hypergeometric). Where only
 * shares and n are known, {@link #countsFromShares} rebuilds the counts first (exact for unweighted shares rounded to
 * 4-5 decimals and n below 10,000; an approximation for weighted shares).
 *
 * <p>Halves have n/2 respondents, so they are noisier than the full sample a model is compared with: the ceiling is a
 * conservative (low) reference, and a model may exceed it. It is 0 &lt;= ceiling &lt;= 1 for a metric in [0, 1].
 */
public final class SplitHalf {
    /** The fewest respondents a split needs (one per half). */
    public static final long MIN_RESPONDENTS = 2;

    private SplitHalf() {
    }

    /**
     * Mean, sample SD and the 2.5th / 97.5th percentiles of the metric over the splits that gave a finite value.
     *
     * @param mean        mean agreement over the used splits, in the metric's range
     * @param sd          sample standard deviation over the used splits (0 for one split)
     * @param lower       2.5th percentile of the split values
     * @param upper       97.5th percentile of the split values
     * @param splits      splits drawn
     * @param used        splits whose metric was finite (a binary probe's half with no respondent on either pole is
     *                    undefined and left out)
     * @param respondents n, the respondents split
     */
    public record Ceiling(double mean, double sd, double lower, double upper, int splits, int used,
                         long respondents) {
    }

    /**
     * Split-half agreement of one question's respondents.
     *
     * @param counts    respondents per answer option (scale order), each &gt;= 0, summing to n &gt;=
     *                  {@link #MIN_RESPONDENTS} and at most {@link Integer#MAX_VALUE}
     * @param splits    number of random splits, &gt;= 1
     * @param seed      seed of the {@link SplittableRandom} drawing the splits (same inputs and seed, same result)
     * @param agreement the metric of two halves' shares (each over the same options as {@code counts}, summing to 1),
     *                  e.g. similarity {@code 1 - JSD}; NaN marks a split on which it is undefined
     * @return the ceiling, or empty-handed: {@link Ceiling#used()} 0 and NaN statistics when no split was defined
     * @throws IllegalArgumentException for null, fewer than 2 options, a negative count, n below
     *                                  {@link #MIN_RESPONDENTS} or above {@link Integer#MAX_VALUE}, or splits &lt; 1
     */
    public static Ceiling agreement(long[] counts, int splits, long seed,
                                    ToDoubleBiFunction<double[], double[]> agreement) {
        if (counts == null || counts.length < 2) {
            throw new IllegalArgumentException("split-half agreement needs counts for at least 2 options, got "
                    + Arrays.toString(counts));
        }
        if (splits < 1) {
            throw new IllegalArgumentException("split-half agreement needs at least 1 split, got " + splits);
        }
        long n = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("respondent counts must be >= 0, got " + Arrays.toString(counts));
            }
            n += c;
        }
        if (n < MIN_RESPONDENTS || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("split-half agreement needs between " + MIN_RESPONDENTS + " and "
                    + Integer.MAX_VALUE + " respondents, got " + n + ": " + Arrays.toString(counts));
        }
        int size = (int) n;
        int[] answers = new int[size];
        int at = 0;
        for (int k = 0; k < counts.length; k++) {
            for (long i = 0; i < counts[k]; i++) {
                answers[at++] = k;
            }
        }
        int halfA = size / 2;
        int halfB = size - halfA;
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[splits];
        int used = 0;
        long[] a = new long[counts.length];
        for (int s = 0; s < splits; s++) {
            Arrays.fill(a, 0);
            // partial Fisher-Yates: positions 0..halfA-1 become a uniformly random subset of size halfA; the array
            // stays a permutation of the answers, so the next split starts from any order equally well
            for (int i = 0; i < halfA; i++) {
                int j = i + random.nextInt(size - i);
                int t = answers[i];
                answers[i] = answers[j];
                answers[j] = t;
                a[answers[i]]++;
            }
            double[] sharesA = new double[counts.length];
            double[] sharesB = new double[counts.length];
            for (int k = 0; k < counts.length; k++) {
                sharesA[k] = (double) a[k] / halfA;
                sharesB[k] = (double) (counts[k] - a[k]) / halfB;
            }
            double v = agreement.applyAsDouble(sharesA, sharesB);
            if (Double.isFinite(v)) {
                values[used++] = v;
            }
        }
        if (used == 0) {
            return new Ceiling(Double.NaN, Double.NaN, Double.NaN, Double.NaN, splits, 0, n);
        }
        double[] defined = Arrays.copyOf(values, used);
        double sd = used < 2 ? 0 : Math.sqrt(StatUtils.variance(defined));
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(defined);
        return new Ceiling(StatUtils.mean(defined), sd, percentile.evaluate(2.5), percentile.evaluate(97.5), splits,
                used, n);
    }

    /**
     * Respondent counts from shares and n by the largest-remainder rule (Hamilton): {@code floor(share_k * n)} each,
     * then one more to the options with the largest remainders (ties to the lower position) until the counts sum to
     * n. For unweighted shares rounded to d decimals this gives back the true counts whenever {@code n < 10^d / 2}.
     *
     * @param shares shares per option, non-negative, summing to 1 within 1e-3 (renormalised here)
     * @param n      respondents, &gt;= 0
     * @return counts per option summing to n
     * @throws IllegalArgumentException for null or empty shares, a negative or non-finite share, a sum off 1 by more
     *                                  than 1e-3, or a negative n
     */
    public static long[] countsFromShares(double[] shares, long n) {
        if (shares == null || shares.length == 0) {
            throw new IllegalArgumentException("shares are required");
        }
        if (n < 0) {
            throw new IllegalArgumentException("respondent count must be >= 0, got " + n);
        }
        double sum = 0;
        for (double s : shares) {
            if (!Double.isFinite(s) || s < 0) {
                throw new IllegalArgumentException("shares must be finite and non-negative, got "
                        + Arrays.toString(shares));
            }
            sum += s;
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw new IllegalArgumentException("shares must sum to 1 (within 1e-3), they sum to " + sum + ": "
                    + Arrays.toString(shares));
        }
        long[] counts = new long[shares.length];
        double[] remainder = new double[shares.length];
        long assigned = 0;
        for (int k = 0; k < shares.length; k++) {
            double exact = shares[k] / sum * n;
            counts[k] = (long) Math.floor(exact);
            remainder[k] = exact - counts[k];
            assigned += counts[k];
        }
        for (long left = n - assigned; left > 0; left--) {
            int best = 0;
            for (int k = 1; k < shares.length; k++) {
                if (remainder[k] > remainder[best]) {
                    best = k;
                }
            }
            counts[best]++;
            remainder[best] = -1;
        }
        return counts;
    }
}
