package org.culturalign.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.culturalign.survey.ScaleType;

/**
 * Per-probe alignment between a model's answer distribution and a country's human answer distribution: pure
 * functions of plain values, no model calls. Definitions, ranges and sources are also in {@code docs/metrics.md}.
 *
 * <p>Shapes: both distributions are probabilities over the same K &gt;= 2 options, aligned position by position with
 * the probe's target scale (for an ordinal scale position 0 is one end and K-1 the other; for a binary probe
 * position 0 is the low pole and position 1 the high pole), each non-negative and summing to 1 within 1e-6.
 *
 * <p>Ties. Option probabilities within {@link #TIE_TOLERANCE} of the largest are tied for the top. An argmax-based
 * metric is then the expectation over breaking each side's tie uniformly at random and independently: with M the
 * model's top options and H the country's, majority match = |M ∩ H| / (|M| |H|) (with one human majority option this
 * is the rule "1/|M| when the human majority is among the model's tied top options, else 0") and soft
 * agreement = mean over (a in M, b in H) of 1 - |a - b| / (K-1). Breaking ties at random on both sides keeps the chance
 * level of majority match at exactly 1/K for every human distribution, tied or not.
 */
public final class AlignmentMetrics {
    /** Absolute difference below which two option probabilities count as tied for the top (float rounding). */
    public static final double TIE_TOLERANCE = 1e-12;

    private static final double LN2 = Math.log(2);

    private AlignmentMetrics() {
    }

    /**
     * Scores one probe.
     *
     * <ul>
     *   <li>{@code js_distance}: Jensen-Shannon distance with log base 2, {@code sqrt(0.5 KL(P||M) + 0.5 KL(Q||M))},
     *       {@code M = (P+Q)/2}, {@code 0 log 0 = 0}; in [0, 1], 0 for identical and 1 for disjoint distributions.
     *       {@code similarity = 1 - js_distance} (Durmus et al. 2023, "Towards Measuring the Representation of
     *       Subjective Global Opinions in Language Models" (GlobalOpinionQA): similarity = 1 - JSD, averaged over
     *       questions).
     *       Always.</li>
     *   <li>{@code wasserstein}: Wasserstein-1 with positions mapped to [0, 1],
     *       {@code sum_k |CDF_P(k) - CDF_Q(k)| / (K-1)}; in [0, 1] (WorldValuesBench, Zhao et al. 2024, counts a
     *       question aligned when W1 &lt; 0.2). Ordinal scales only.</li>
     *   <li>{@code majority_match}: 1 when the model's most probable option is the country's most frequent option;
     *       ties share credit (class comment); in [0, 1]. Always.</li>
     *   <li>{@code soft_agreement}: {@code 1 - |a_model - a_human| / (K-1)} on the argmax positions (AlKhamissi et al.
     *       2024, "Investigating Cultural Alignment of Large Language Models", ACL 2024: the soft alignment metric
     *       over ordinal answer positions); ties averaged (class comment); in [0, 1]. Ordinal scales only.</li>
     *   <li>{@code model_mean}, {@code human_mean}: mean position {@code mu = sum_k p_k (k-1)/(K-1)} (k = 1..K), in
     *       [0, 1]. Ordinal scales only.</li>
     *   <li>{@code pole_match}: majority match on the two poles (ties share credit) and {@code pole_agreement}:
     *       {@code 1 - |p_model(high pole) - p_human(high pole)|}; in [0, 1]. Binary probes only.</li>
     *   <li>{@code coverage}: the argument, carried through; absent when it is NaN.</li>
     * </ul>
     *
     * @param model    the model's probabilities over the K options, summing to 1
     * @param human    the country's shares over the same K options, summing to 1
     * @param type     whether the target scale is ordinal; a binary probe's scale must be {@link ScaleType#ORDINAL}
     * @param binary   whether this is a binary (low pole, high pole) probe; then K must be 2
     * @param coverage probability mass the options had before renormalising, in [0, 1]; NaN when there is none
     *                 (a baseline), and then the {@code coverage} metric is absent
     * @return the metrics that apply, in {@link ProbeMetrics#NAMES} order
     * @throws IllegalArgumentException for an invalid distribution (null, fewer than 2 options, NaN, negative, sum off
     *                                  1 by more than 1e-6), different option counts, a binary probe that is not
     *                                  2-point ordinal, or a coverage outside [0, 1]
     */
    public static ProbeMetrics score(double[] model, double[] human, ScaleType type, boolean binary,
                                     double coverage) {
        Distributions.requirePair(model, human);
        boolean ordinal = requireScale(type, binary, model.length);
        if (!Double.isNaN(coverage) && !(coverage >= 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in [0, 1] (or NaN for none), got " + coverage);
        }
        Map<String, Double> v = new LinkedHashMap<>();
        double jsd = jensenShannonDistance(model, human);
        v.put(ProbeMetrics.JS_DISTANCE, jsd);
        v.put(ProbeMetrics.SIMILARITY, 1.0 - jsd);
        if (ordinal) {
            v.put(ProbeMetrics.WASSERSTEIN, wasserstein(model, human));
        }
        v.put(ProbeMetrics.MAJORITY_MATCH, majorityMatch(model, human));
        if (ordinal) {
            v.put(ProbeMetrics.SOFT_AGREEMENT, softAgreement(model, human));
            v.put(ProbeMetrics.MODEL_MEAN, meanPosition(model));
            v.put(ProbeMetrics.HUMAN_MEAN, meanPosition(human));
        }
        if (binary) {
            v.put(ProbeMetrics.POLE_MATCH, majorityMatch(model, human));
            v.put(ProbeMetrics.POLE_AGREEMENT, 1.0 - Math.abs(model[1] - human[1]));
        }
        if (!Double.isNaN(coverage)) {
            v.put(ProbeMetrics.COVERAGE, coverage);
        }
        return new ProbeMetrics(v);
    }

    /**
     * The random-option baseline: the exact expectation of every metric when the model puts all its mass on one
     * option chosen uniformly at random, i.e. the unweighted mean of {@link #score} over the K one-hot model
     * distributions (not a simulation). {@code coverage} is absent. For example majority match is always 1/K and
     * model_mean always 0.5.
     *
     * @param human the country's shares over the K options, summing to 1
     * @throws IllegalArgumentException as {@link #score}
     */
    public static ProbeMetrics expectedRandomOption(double[] human, ScaleType type, boolean binary) {
        Distributions.require(human, "human distribution");
        int k = human.length;
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            double[] oneHot = new double[k];
            oneHot[j] = 1.0;
            score(oneHot, human, type, binary, Double.NaN).values().forEach((name, value) -> sums.merge(name, value,
                    Double::sum));
        }
        sums.replaceAll((name, sum) -> sum / k);
        return new ProbeMetrics(sums);
    }

    /** @return whether ordinal metrics apply */
    private static boolean requireScale(ScaleType type, boolean binary, int k) {
        if (type == null) {
            throw new IllegalArgumentException("scale type is required (ORDINAL or NOMINAL)");
        }
        if (binary && (k != 2 || type != ScaleType.ORDINAL)) {
            throw new IllegalArgumentException("a binary probe compares 2 ordered poles (ORDINAL, low pole then high"
                    + " pole); got " + k + " options on a " + type + " scale");
        }
        return type == ScaleType.ORDINAL;
    }

    /**
     * Jensen-Shannon distance, log base 2, in [0, 1].
     *
     * <p>p / m is computed as 2p / (p + q): the same double whenever p + q &gt;= 2^-1021 (halving a normal sum is
     * exact, and 2p is exact), so results match scipy's {@code jensenshannon(p, q, base=2)} (cross-checked to 1e-9 by
     * {@code ScipySacrebleuCrossCheckTest}). Only below that does it differ: m = (p + q) / 2 of a subnormal sum can
     * round to 0 (p = 2^-1074 against q = 0, an option 745 nats below the top in
     * {@code AnswerDistribution.fromLogprobs}), which made p log(p / m) infinite and the distance NaN; scipy returns
     * inf there. p + q &gt; 0 whenever p &gt; 0 or q &gt; 0.
     */
    static double jensenShannonDistance(double[] p, double[] q) {
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double sum = p[i] + q[i];
            // 0 log 0 = 0
            if (p[i] > 0) {
                divergence += 0.5 * p[i] * Math.log(2 * p[i] / sum) / LN2;
            }
            if (q[i] > 0) {
                divergence += 0.5 * q[i] * Math.log(2 * q[i] / sum) / LN2;
            }
        }
        // rounding can put the divergence a few ulps outside [0, 1]
        return Math.sqrt(Math.min(1.0, Math.max(0.0, divergence)));
    }

    /** Wasserstein-1 between two distributions over positions 0..K-1 mapped to [0, 1]. */
    static double wasserstein(double[] p, double[] q) {
        double cdfP = 0;
        double cdfQ = 0;
        double sum = 0;
        // the last CDF term is 1 - 1 on both sides: leaving it out keeps identical inputs at exactly 0
        for (int i = 0; i < p.length - 1; i++) {
            cdfP += p[i];
            cdfQ += q[i];
            sum += Math.abs(cdfP - cdfQ);
        }
        return Math.min(1.0, sum / (p.length - 1));
    }

    /** Mean position mapped to [0, 1]. */
    static double meanPosition(double[] p) {
        double mu = 0;
        for (int i = 0; i < p.length; i++) {
            mu += p[i] * i;
        }
        return Math.min(1.0, mu / (p.length - 1));
    }

    /** P(model's answer = country's answer) when each side's top tie is broken uniformly at random. */
    static double majorityMatch(double[] model, double[] human) {
        boolean[] m = top(model);
        boolean[] h = top(human);
        int both = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] && h[i]) {
                both++;
            }
        }
        return (double) both / (count(m) * count(h));
    }

    /** Mean over the tied argmax positions of 1 - |a - b| / (K-1). */
    static double softAgreement(double[] model, double[] human) {
        boolean[] m = top(model);
        boolean[] h = top(human);
        double sum = 0;
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < h.length; b++) {
                if (m[a] && h[b]) {
                    sum += 1.0 - (double) Math.abs(a - b) / (m.length - 1);
                }
            }
        }
        return sum / (count(m) * count(h));
    }

    private static boolean[] top(double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : p) {
            max = Math.max(max, x);
        }
        boolean[] top = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            top[i] = p[i] >= max - TIE_TOLERANCE;
        }
        return top;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            if (x) {
                n++;
            }
        }
        return n;
    }
}
