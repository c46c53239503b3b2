package org.culturalign.metric;

/**
 * The outcome of a paired significance test.
 *
 * @param statistic   the test statistic; for {@link SignedRankTest} W+ (sum of the ranks of the positive differences
 *                    x - y, R's {@code V})
 * @param pValue      p-value in [0, 1] for the stated alternative
 * @param n           number of pairs the test used (non-zero differences)
 * @param alternative the alternative hypothesis tested
 * @param exact       whether the p-value is exact (otherwise a normal approximation)
 */
public record TestResult(double statistic, double pValue, int n, SignedRankTest.Alternative alternative,
                         boolean exact) {
    /** Whether the p-value is below {@code alpha}. */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}
