package org.culturalign.metric;

import java.util.Arrays;

/** Checks that the metric functions apply to every distribution they receive, with one-line messages. */
final class Distributions {
    /**
     * How far from 1 a distribution's sum may be. Shares are renormalised at ingestion ({@code HumanDistribution},
     * {@code AnswerDistribution}), so anything further off is a caller's bug, not rounding.
     */
    static final double SUM_TOLERANCE = 1e-6;

    private Distributions() {
    }

    /**
     * @param what names the argument in the message (e.g. "model distribution")
     * @throws IllegalArgumentException for null, fewer than 2 options, a NaN / infinite / negative value, or a sum
     *                                  off 1 by more than {@link #SUM_TOLERANCE}
     */
    static void require(double[] p, String what) {
        if (p == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (p.length < 2) {
            throw new IllegalArgumentException(what + " needs at least 2 options, got " + p.length + ": "
                    + Arrays.toString(p));
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i]) || Double.isInfinite(p[i])) {
                throw new IllegalArgumentException(what + " option " + i + " is " + p[i]
                        + "; expected a probability in [0, 1]: " + Arrays.toString(p));
            }
            if (p[i] < 0) {
                throw new IllegalArgumentException(what + " option " + i + " is negative (" + p[i]
                        + "); expected a probability in [0, 1]: " + Arrays.toString(p));
            }
            sum += p[i];
        }
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(what + " must sum to 1 within " + SUM_TOLERANCE + ", sums to " + sum
                    + ": " + Arrays.toString(p));
        }
    }

    /** Checks both distributions and that they have the same number of options. */
    static void requirePair(double[] model, double[] human) {
        require(model, "model distribution");
        require(human, "human distribution");
        if (model.length != human.length) {
            throw new IllegalArgumentException("model and human distributions must have the same number of options,"
                    + " got " + model.length + " and " + human.length);
        }
    }
}
