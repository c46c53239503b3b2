package org.culturalign.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two conditions' values paired by unit (question id for the bootstrap, country for the signed-rank test), in a
 * canonical order, so that {@link Bootstrap} and {@link SignedRankTest} see the same arrays however the results were
 * collected: the bootstrap's interval for a given seed depends on the order of the pairs.
 *
 * @param keys    the units present in both conditions, sorted
 * @param treated values under the treatment, aligned with {@code keys}
 * @param control values under the control, aligned with {@code keys}
 */
public record Paired(List<String> keys, double[] treated, double[] control) {
    /** @throws IllegalArgumentException when the three do not have the same length */
    public Paired {
        keys = List.copyOf(keys);
        if (treated.length != keys.size() || control.length != keys.size()) {
            throw new IllegalArgumentException("paired values need one treated and one control value per key, got "
                    + keys.size() + " keys, " + treated.length + " treated, " + control.length + " control");
        }
        treated = treated.clone();
        control = control.clone();
    }

    /**
     * Pairs the units present in both maps (the others are left out: a question answered in only one condition has
     * no difference), sorted by key.
     *
     * @param treated unit to value under the treatment (e.g. question id to similarity at k shots)
     * @param control unit to value under the control (e.g. question id to similarity at 0 shots)
     */
    public static Paired byKey(Map<String, Double> treated, Map<String, Double> control) {
        List<String> keys = new ArrayList<>(new TreeSet<>(treated.keySet()));
        keys.retainAll(control.keySet());
        double[] t = new double[keys.size()];
        double[] c = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            t[i] = treated.get(keys.get(i));
            c[i] = control.get(keys.get(i));
        }
        return new Paired(keys, t, c);
    }

    /** Number of pairs. */
    public int n() {
        return keys.size();
    }

    @Override
    public double[] treated() {
        return treated.clone();
    }

    @Override
    public double[] control() {
        return control.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Paired p && keys.equals(p.keys) && java.util.Arrays.equals(treated, p.treated)
                && java.util.Arrays.equals(control, p.control);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "Paired" + keys + " treated=" + java.util.Arrays.toString(treated) + " control="
                + java.util.Arrays.toString(control);
    }
}
