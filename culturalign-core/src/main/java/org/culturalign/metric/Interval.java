package org.culturalign.metric;

/**
 * A point estimate with a bootstrap confidence interval, and what is needed to reproduce it.
 *
 * @param estimate  the statistic on the observed sample
 * @param lower     lower end of the 95% percentile interval
 * @param upper     upper end of the 95% percentile interval
 * @param n         number of paired units (questions) in the sample
 * @param resamples number of bootstrap resamples
 * @param seed      the seed the resamples were drawn with
 */
public record Interval(double estimate, double lower, double upper, int n, int resamples, long seed) {
    /** @throws IllegalArgumentException for lower &gt; upper, non-finite bounds or n &lt; 1 */
    public Interval {
        if (!Double.isFinite(estimate) || !Double.isFinite(lower) || !Double.isFinite(upper) || lower > upper
                || n < 1) {
            throw new IllegalArgumentException("an interval needs finite lower <= upper and n >= 1, got [" + lower
                    + ", " + upper + "] n = " + n);
        }
    }

    /** Whether 0 lies outside the interval (the difference is significant at the interval's level). */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }

    /** Whether {@code x} lies in [lower, upper]. */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }
}
