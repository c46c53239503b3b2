package org.culturalign.metric;

import java.util.SplittableRandom;

/**
 * The paired sign-flip (randomisation) test of a mean difference: under H0 each paired difference
 * {@code d_i = treated_i - control_i} is symmetric about 0, so flipping its sign leaves the distribution unchanged
 * (Fisher 1935, "The Design of Experiments", sec. 21; Good 2005, "Permutation, Parametric and Bootstrap Tests of
 * Hypotheses", 3.1). Two-sided: the statistic is |mean d|.
 *
 * <p>For n &lt;= {@value #EXACT_MAX_N} pairs every one of the 2^n sign patterns is enumerated and
 * {@code p = #{patterns with |mean| >= |observed mean|} / 2^n} (exact; the observed pattern counts). Above, B random
 * patterns are drawn and {@code p = (1 + #{|mean*| >= |observed|}) / (1 + B)} (Phipson &amp; Smyth 2010, "Permutation
 * P-values Should Never Be Zero", eq. 2), so p is never 0. Comparisons allow a relative 1e-12 so that a pattern whose
 * mean equals the observed one up to rounding counts as "at least as extreme".
 */
public final class SignFlipTest {
    /** Largest n tested exactly (2^16 = 65,536 patterns). */
    public static final int EXACT_MAX_N = 16;

    private SignFlipTest() {
    }

    /**
     * The two-sided p-value of H0 "mean paired difference = 0".
     *
     * @param treated   per-unit values under the treatment
     * @param control   per-unit values under the control, same units, same order
     * @param resamples random sign patterns when n &gt; {@value #EXACT_MAX_N}, at least 1000
     * @param seed      seed of the random patterns (unused when exact)
     * @return statistic: the mean difference; the p-value, in (0, 1] (1 when every difference is 0); n; exact or not
     * @throws IllegalArgumentException for null or empty arrays, different lengths, non-finite values, or fewer than
     *                                  1000 resamples
     */
    public static TestResult pValue(double[] treated, double[] control, int resamples, long seed) {
        double[] d = Bootstrap.pairedDifferences(treated, control, "the sign-flip test");
        if (resamples < Bootstrap.MIN_RESAMPLES) {
            throw new IllegalArgumentException("the sign-flip test needs at least " + Bootstrap.MIN_RESAMPLES
                    + " resamples, got " + resamples);
        }
        int n = d.length;
        double sum = 0;
        double scale = 0;
        for (double x : d) {
            sum += x;
            scale += Math.abs(x);
        }
        double observed = Math.abs(sum);
        double threshold = observed - 1e-12 * scale;
        if (n <= EXACT_MAX_N) {
            long patterns = 1L << n;
            long extreme = 0;
            for (long mask = 0; mask < patterns; mask++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (mask & (1L << i)) != 0 ? -d[i] : d[i];
                }
                if (Math.abs(s) >= threshold) {
                    extreme++;
                }
            }
            return new TestResult(sum / n, (double) extreme / patterns, n, SignedRankTest.Alternative.TWO_SIDED,
                    true);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long extreme = 0;
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += random.nextBoolean() ? -d[i] : d[i];
            }
            if (Math.abs(s) >= threshold) {
                extreme++;
            }
        }
        return new TestResult(sum / n, (1.0 + extreme) / (1.0 + resamples), n,
                SignedRankTest.Alternative.TWO_SIDED, false);
    }
}
