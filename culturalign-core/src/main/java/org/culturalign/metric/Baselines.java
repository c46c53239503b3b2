package org.culturalign.metric;

import java.util.Arrays;
import java.util.List;

/**
 * Reference "models" scored by the same code as real ones ({@link AlignmentMetrics#score}), so that every reported
 * figure can be read against chance and against "the world in general". The random-option baseline is an
 * expectation, not a distribution: {@link AlignmentMetrics#expectedRandomOption}.
 */
public final class Baselines {
    private Baselines() {
    }

    /**
     * The uniform distribution over {@code k} options.
     *
     * @param k number of options, at least 2
     * @return {@code k} probabilities 1/k
     * @throws IllegalArgumentException for k &lt; 2
     */
    public static double[] uniform(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("a distribution needs at least 2 options, got k = " + k);
        }
        double[] p = new double[k];
        Arrays.fill(p, 1.0 / k);
        return p;
    }

    /**
     * The global baseline for one (country, item): the unweighted mean of the answer distributions of all the
     * <em>other</em> countries that have the item (each country counts once, whatever its sample size), so a model
     * that only knows "what people in general answer" scores this well. The caller leaves the target country out.
     *
     * @param otherCountries one distribution per other country, all over the same K options, each summing to 1
     * @return the mean distribution over the K options, summing to 1
     * @throws IllegalArgumentException for an empty list, an invalid distribution, or differing option counts
     */
    public static double[] global(List<double[]> otherCountries) {
        if (otherCountries == null || otherCountries.isEmpty()) {
            throw new IllegalArgumentException("the global baseline needs at least one other country with the item");
        }
        int k = -1;
        double[] mean = null;
        for (int c = 0; c < otherCountries.size(); c++) {
            double[] p = otherCountries.get(c);
            Distributions.require(p, "distribution of other country #" + c);
            if (mean == null) {
                k = p.length;
                mean = new double[k];
            } else if (p.length != k) {
                throw new IllegalArgumentException("all countries' distributions must have the same number of options:"
                        + " #0 has " + k + ", #" + c + " has " + p.length);
            }
            for (int i = 0; i < k; i++) {
                mean[i] += p[i];
            }
        }
        for (int i = 0; i < k; i++) {
            mean[i] /= otherCountries.size();
        }
        return mean;
    }
}
