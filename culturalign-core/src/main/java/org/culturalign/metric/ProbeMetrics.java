package org.culturalign.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The alignment metrics of one probe (or of a baseline scored the same way): metric name to value, in a stable order
 * ({@link #NAMES} first, any other names after in insertion order). A metric that does not apply to the probe (for
 * example {@link #WASSERSTEIN} on a nominal scale) is absent, never NaN. Definitions, ranges and sources:
 * {@link AlignmentMetrics} and {@code docs/metrics.md}.
 *
 * @param values metric name to finite value; copied, unmodifiable, order preserved
 */
public record ProbeMetrics(Map<String, Double> values) {
    /** Jensen-Shannon distance, log base 2, in [0, 1]; 0 = identical distributions. */
    public static final String JS_DISTANCE = "js_distance";
    /** 1 - {@link #JS_DISTANCE}, in [0, 1]; 1 = identical distributions (GlobalOpinionQA). */
    public static final String SIMILARITY = "similarity";
    /** Wasserstein-1 on the ordinal scale mapped to [0, 1], in [0, 1]; ordinal scales only. */
    public static final String WASSERSTEIN = "wasserstein";
    /** Majority match with shared credit for ties, in [0, 1]. */
    public static final String MAJORITY_MATCH = "majority_match";
    /** 1 - |argmax distance| / (K-1), in [0, 1]; ordinal scales only. */
    public static final String SOFT_AGREEMENT = "soft_agreement";
    /** Model's mean scale position mapped to [0, 1]; ordinal scales only. */
    public static final String MODEL_MEAN = "model_mean";
    /** Country's mean scale position mapped to [0, 1]; ordinal scales only. */
    public static final String HUMAN_MEAN = "human_mean";
    /** Binary probes: whether the model's preferred pole is the country's majority pole, in [0, 1]. */
    public static final String POLE_MATCH = "pole_match";
    /** Binary probes: 1 - |p_model(high pole) - p_human(high pole)|, in [0, 1]. */
    public static final String POLE_AGREEMENT = "pole_agreement";
    /** Probability mass the model gave the options before renormalising, in [0, 1]; carried through. */
    public static final String COVERAGE = "coverage";

    /** The known metric names, in their canonical (report) order. */
    public static final List<String> NAMES = List.of(JS_DISTANCE, SIMILARITY, WASSERSTEIN, MAJORITY_MATCH,
            SOFT_AGREEMENT, MODEL_MEAN, HUMAN_MEAN, POLE_MATCH, POLE_AGREEMENT, COVERAGE);

    /** @throws IllegalArgumentException for a null name or a null / non-finite value */
    public ProbeMetrics {
        if (values == null) {
            throw new IllegalArgumentException("metric values are required");
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (values.containsKey(name)) {
                ordered.put(name, values.get(name));
            }
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            ordered.putIfAbsent(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Double> e : ordered.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("metric names must not be null: " + values);
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("metric '" + e.getKey() + "' must be a finite number, got "
                        + e.getValue() + " (leave a metric out when it does not apply)");
            }
        }
        values = Collections.unmodifiableMap(ordered);
    }

    /** The value of metric {@code name}, or empty when it does not apply to this probe. */
    public OptionalDouble get(String name) {
        Double v = values.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Whether metric {@code name} applies to this probe. */
    public boolean has(String name) {
        return values.containsKey(name);
    }
}
