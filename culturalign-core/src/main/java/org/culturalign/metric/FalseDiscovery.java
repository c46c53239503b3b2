package org.culturalign.metric;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Benjamini-Hochberg step-up procedure controlling the false discovery rate over m tests (Benjamini &amp; Hochberg
 * 1995, "Controlling the False Discovery Rate: A Practical and Powerful Approach to Multiple Testing", JRSS B 57(1),
 * 289-300; valid for independent or positively dependent tests, PRDS: Benjamini &amp; Yekutieli 2001).
 *
 * <p>With the p-values sorted p_(1) &lt;= ... &lt;= p_(m), the procedure rejects the hypotheses of p_(1)..p_(k) for
 * the largest k with {@code p_(k) <= k q / m}. Equivalently (what this class computes) the BH-adjusted p-value is
 * {@code p~_(i) = min_{j >= i} min(1, m p_(j) / j)}, monotone in p, and a hypothesis is rejected exactly when
 * {@code p~ <= q} (the definition of R's {@code p.adjust(method = "BH")} and statsmodels' {@code fdr_bh}). Tied
 * p-values get the same adjusted value.
 */
public final class FalseDiscovery {
    private FalseDiscovery() {
    }

    /**
     * BH-adjusted p-values, aligned with the input.
     *
     * @param p the m &gt;= 0 p-values, each in [0, 1], in any order
     * @return adjusted p-values in [0, 1], same order as {@code p}; empty for empty input
     * @throws IllegalArgumentException for null, or a p-value that is NaN or outside [0, 1] (naming its index)
     */
    public static double[] adjust(double[] p) {
        if (p == null) {
            throw new IllegalArgumentException("p-values are required");
        }
        int m = p.length;
        for (int i = 0; i < m; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], got " + p[i]);
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, Math.min(1.0, p[i] * m / rank));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * Which hypotheses the procedure rejects at false discovery rate q: {@code adjust(p)[i] <= q}.
     *
     * @param q the false discovery rate, 0 &lt; q &lt; 1
     * @throws IllegalArgumentException as {@link #adjust}, or for q outside (0, 1)
     */
    public static boolean[] rejected(double[] p, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("the false discovery rate q must be in (0, 1), got " + q);
        }
        double[] adjusted = adjust(p);
        boolean[] out = new boolean[adjusted.length];
        for (int i = 0; i < adjusted.length; i++) {
            out[i] = adjusted[i] <= q;
        }
        return out;
    }
}
