package org.culturalign.metric;

/**
 * One metric aggregated over n probes (or any other units).
 *
 * @param mean arithmetic mean
 * @param sd   sample standard deviation (n - 1 denominator); 0 when n = 1 (the commons-math3 convention)
 * @param n    number of values the metric applied to, at least 1
 */
public record Summary(double mean, double sd, long n) {
    /** @throws IllegalArgumentException for n &lt; 1, non-finite mean or sd, or a negative sd */
    public Summary {
        if (n < 1) {
            throw new IllegalArgumentException("a summary needs n >= 1, got " + n);
        }
        if (!Double.isFinite(mean) || !Double.isFinite(sd) || sd < 0) {
            throw new IllegalArgumentException("summary needs a finite mean and a finite sd >= 0, got mean " + mean
                    + ", sd " + sd);
        }
    }

    /** Standard error of the mean, {@code sd / sqrt(n)}. */
    public double standardError() {
        return sd / Math.sqrt(n);
    }
}
