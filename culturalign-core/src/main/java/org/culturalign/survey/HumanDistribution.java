package org.culturalign.survey;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How a country's respondents answered one question: the share of each option among valid answers (missing codes
 * removed; weighted where the source has weights), aligned with the question's {@link AnswerScale#codes()}.
 * Immutable; shares are non-negative and sum to 1 (renormalised on construction).
 */
public final class HumanDistribution {
    /** Inputs are rounded (4-5 decimals in published tables): sums this close to 1 are renormalised. */
    public static final double SUM_TOLERANCE = 1e-3;

    private final double[] shares;
    private final long respondents;
    private final double weightSum;

    private HumanDistribution(double[] shares, long respondents, double weightSum) {
        this.shares = shares;
        this.respondents = respondents;
        this.weightSum = weightSum;
    }

    /**
     * Builds a distribution from shares per answer code, renormalising them to sum to 1.
     * Codes of the scale that are absent from {@code sharesByCode} get share 0.
     *
     * @param scale        the question's answer scale
     * @param sharesByCode share per answer code, each in [0, 1], summing to 1 within {@link #SUM_TOLERANCE}
     * @param respondents  number of valid respondents n, or empty when the source does not give it
     * @param weightSum    sum of the weights of those respondents, or empty when unweighted or unknown
     * @param where        what is being built, for messages (e.g. "NGA Q182 in wvs7.json")
     * @throws IllegalArgumentException for a code not on the scale, a negative or non-finite share, or a sum off 1 by
     *                                  more than {@link #SUM_TOLERANCE}; the message names {@code where}
     */
    public static HumanDistribution of(AnswerScale scale, Map<Integer, Double> sharesByCode,
                                       OptionalLong respondents, OptionalDouble weightSum, String where) {
        double[] shares = new double[scale.size()];
        for (Map.Entry<Integer, Double> e : sharesByCode.entrySet()) {
            int pos = scale.positionOf(e.getKey());
            if (pos < 0) {
                throw new IllegalArgumentException(where + ": answer code " + e.getKey()
                        + " is not an option of the scale " + scale.codes());
            }
            shares[pos] = e.getValue();
        }
        return ofShares(shares, respondents, weightSum, where);
    }

    /**
     * Builds a distribution from shares aligned with the scale positions, renormalising them to sum to 1.
     *
     * @param shares one share per option, each in [0, 1], summing to 1 within {@link #SUM_TOLERANCE}
     * @throws IllegalArgumentException as {@link #of}
     */
    public static HumanDistribution ofShares(double[] shares, OptionalLong respondents, OptionalDouble weightSum,
                                             String where) {
        double sum = 0;
        for (double s : shares) {
            if (!Double.isFinite(s) || s < 0) {
                throw new IllegalArgumentException(where + ": shares must be finite and non-negative, got "
                        + Arrays.toString(shares));
            }
            sum += s;
        }
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(where + ": shares must sum to 1 (within " + SUM_TOLERANCE
                    + "), they sum to " + sum + ": " + Arrays.toString(shares));
        }
        double[] normalised = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            normalised[i] = shares[i] / sum;
        }
        if (respondents.isPresent() && respondents.getAsLong() < 0) {
            throw new IllegalArgumentException(where + ": respondent count must be >= 0, got "
                    + respondents.getAsLong());
        }
        return new HumanDistribution(normalised, respondents.orElse(-1), weightSum.orElse(Double.NaN));
    }

    /** Number of options K. */
    public int size() {
        return shares.length;
    }

    /** Share of the option at scale position {@code position} (0-based), in [0, 1]. */
    public double share(int position) {
        return shares[position];
    }

    /** A copy of the shares, aligned with the scale codes; sums to 1. */
    public double[] shares() {
        return shares.clone();
    }

    /** Number of valid respondents n, when the source gives it. */
    public OptionalLong respondents() {
        return respondents < 0 ? OptionalLong.empty() : OptionalLong.of(respondents);
    }

    /** Sum of respondent weights, when the shares are weighted. */
    public OptionalDouble weightSum() {
        return Double.isNaN(weightSum) ? OptionalDouble.empty() : OptionalDouble.of(weightSum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HumanDistribution d && Arrays.equals(shares, d.shares) && respondents == d.respondents
                && Double.compare(weightSum, d.weightSum) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shares) + Long.hashCode(respondents);
    }

    @Override
    public String toString() {
        return "HumanDistribution" + Arrays.toString(shares) + (respondents >= 0 ? " n=" + respondents : "");
    }
}
