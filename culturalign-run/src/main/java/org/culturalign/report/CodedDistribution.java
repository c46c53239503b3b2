package org.culturalign.report;

import java.util.Arrays;

/**
 * Probabilities over survey answer codes (a human country's shares or a model's distribution).
 *
 * @param codes survey answer codes
 * @param probabilities one per code, sums to 1
 */
public record CodedDistribution(int[] codes, double[] probabilities) {
    /** @throws IllegalArgumentException when the arrays differ in length */
    public CodedDistribution {
        if (codes.length != probabilities.length) {
            throw new IllegalArgumentException("codes and probabilities differ in length");
        }
        codes = codes.clone();
        probabilities = probabilities.clone();
    }

    /** Probability of {@code code} (0 when absent). */
    public double share(int code) {
        double p = 0;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                p += probabilities[i];
            }
        }
        return p;
    }

    /**
     * Mean position of the answer on the scale {@code low..high} mapped to [0, 1], over the codes in that range only
     * (others, e.g. "I am not [nationality]" for Q254, are dropped and the rest renormalised).
     *
     * @return the mean position, or {@code NaN} when no probability mass lies in the range
     */
    public double meanPosition(int low, int high) {
        double mass = 0;
        double sum = 0;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= low && codes[i] <= high) {
                mass += probabilities[i];
                sum += probabilities[i] * (codes[i] - low) / (double) (high - low);
            }
        }
        return mass > 0 ? sum / mass : Double.NaN;
    }

    /** Share of the codes in {@code which}, renormalised over {@code valid} codes; {@code NaN} without mass. */
    public double shareOf(int[] which, int[] valid) {
        double mass = 0;
        double hit = 0;
        for (int v : valid) {
            mass += share(v);
        }
        for (int w : which) {
            hit += share(w);
        }
        return mass > 0 ? hit / mass : Double.NaN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodedDistribution d && Arrays.equals(codes, d.codes)
                && Arrays.equals(probabilities, d.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codes) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "CodedDistribution" + Arrays.toString(codes) + Arrays.toString(probabilities);
    }
}
