package org.culturalign.metric;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Wilcoxon signed-rank test for paired samples (Wilcoxon 1945), e.g. per-country mean similarity with k shots (x)
 * against 0 shots (y) for "k shots beats 0 shots". Statistic and p-value come from commons-math3's
 * {@link WilcoxonSignedRankTest}; this class fixes what that class leaves to the caller:
 *
 * <ul>
 *   <li><b>Zero differences</b> (x_i == y_i exactly) are dropped before ranking and n counts the remaining pairs
 *       (Wilcoxon's original procedure, as R's {@code wilcox.test}). commons-math3 would otherwise rank the zeros and
 *       count them towards W-, biasing the test.</li>
 *   <li><b>Exact or normal.</b> The p-value is exact (commons-math3 enumerates the null distribution) when n &lt;= 30
 *       and the absolute differences have no ties; otherwise commons-math3's normal approximation with continuity
 *       correction and no tie correction of the variance, which is slightly conservative under ties.</li>
 *   <li><b>Small n.</b> The smallest exact two-sided p-value is 2 / 2^n: with n &lt;= 5 no outcome reaches 0.05
 *       two-sided (n &lt;= 4 one-sided). n = 0 (all pairs equal) gives p = 1.</li>
 *   <li><b>Two-sided p</b> is capped at 1 (commons-math3 returns 2 P(S &gt;= W_max), which exceeds 1 when W+ = W-).</li>
 *   <li><b>One-sided</b>: when the data lean towards the alternative, p = p_two / 2 (exactly the one-sided tail).
 *       When they lean the other way p = 1 - p_two / 2, which is at least 0.5 and below the exact one-sided value by
 *       at most the null probability of the observed statistic; such results are flagged {@code exact = false}.</li>
 * </ul>
 */
public final class SignedRankTest {
    /** Largest n for which commons-math3 computes the exact null distribution. */
    public static final int EXACT_MAX_N = 30;

    /** The alternative hypothesis about the paired differences x - y. */
    public enum Alternative {
        /** x and y differ in location. */
        TWO_SIDED,
        /** x tends to exceed y (e.g. k shots beats 0 shots). */
        GREATER,
        /** x tends to fall below y. */
        LESS
    }

    private SignedRankTest() {
    }

    /** Two-sided test; see {@link #wilcoxon(double[], double[], Alternative)}. */
    public static TestResult wilcoxon(double[] x, double[] y) {
        return wilcoxon(x, y, Alternative.TWO_SIDED);
    }

    /**
     * Wilcoxon signed-rank test of the paired differences {@code x_i - y_i}.
     *
     * @param x           first sample (e.g. per-country mean similarity with k shots)
     * @param y           paired second sample (same units, same order)
     * @param alternative the alternative hypothesis
     * @return W+ (R's {@code V}), the p-value, n (non-zero differences), whether exact
     * @throws IllegalArgumentException for null or empty arrays, different lengths, non-finite values
     */
    public static TestResult wilcoxon(double[] x, double[] y, Alternative alternative) {
        if (x == null || y == null || x.length == 0) {
            throw new IllegalArgumentException("the signed-rank test needs at least one (x, y) pair");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must pair up, got " + x.length + " and " + y.length
                    + " values");
        }
        if (alternative == null) {
            throw new IllegalArgumentException("alternative is required (TWO_SIDED, GREATER or LESS)");
        }
        int n = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("pair " + i + " is not finite: x " + x[i] + ", y " + y[i]);
            }
            if (x[i] != y[i]) {
                xs[n] = x[i];
                ys[n] = y[i];
                n++;
            }
        }
        if (n == 0) {
            return new TestResult(0, 1.0, 0, alternative, true);
        }
        xs = Arrays.copyOf(xs, n);
        ys = Arrays.copyOf(ys, n);

        double[] diff = new double[n];
        double[] absDiff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = xs[i] - ys[i];
            absDiff[i] = Math.abs(diff[i]);
        }
        // the same ranking commons-math3 uses internally (average ranks for ties)
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(absDiff);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (diff[i] > 0) {
                wPlus += ranks[i];
            }
        }
        boolean exact = n <= EXACT_MAX_N && !hasTies(absDiff);
        double pTwo = Math.min(1.0, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(xs, ys, exact));
        double half = n * (n + 1) / 4.0;
        double p;
        switch (alternative) {
            case GREATER -> {
                p = wPlus > half ? pTwo / 2 : 1 - pTwo / 2;
                exact &= wPlus > half;
            }
            case LESS -> {
                p = wPlus < half ? pTwo / 2 : 1 - pTwo / 2;
                exact &= wPlus < half;
            }
            default -> p = pTwo;
        }
        return new TestResult(wPlus, p, n, alternative, exact);
    }

    private static boolean hasTies(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return true;
            }
        }
        return false;
    }
}
