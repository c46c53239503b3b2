package org.culturalign.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Aggregates per-probe metrics: each metric over the probes it applies to. */
public final class MetricSummary {
    private MetricSummary() {
    }

    /**
     * Mean, sample standard deviation and n of every metric, each over the probes where it is present (so a nominal
     * item does not pull {@code wasserstein} towards 0 or shrink its n).
     *
     * @param probes per-probe metrics, in any order
     * @return metric name to its summary, in {@link ProbeMetrics#NAMES} order then first appearance; a metric absent
     *         from every probe is absent; empty for an empty list
     * @throws IllegalArgumentException for a null list or element
     */
    public static Map<String, Summary> of(List<ProbeMetrics> probes) {
        if (probes == null) {
            throw new IllegalArgumentException("probe metrics are required");
        }
        Map<String, SummaryStatistics> stats = new LinkedHashMap<>();
        for (String name : ProbeMetrics.NAMES) {
            stats.put(name, new SummaryStatistics());
        }
        for (int i = 0; i < probes.size(); i++) {
            ProbeMetrics p = probes.get(i);
            if (p == null) {
                throw new IllegalArgumentException("probe metrics #" + i + " is null");
            }
            p.values().forEach((name, value) -> stats.computeIfAbsent(name, x -> new SummaryStatistics())
                    .addValue(value));
        }
        Map<String, Summary> out = new LinkedHashMap<>();
        stats.forEach((name, s) -> {
            if (s.getN() > 0) {
                out.put(name, new Summary(s.getMean(), s.getN() > 1 ? s.getStandardDeviation() : 0.0, s.getN()));
            }
        });
        return out;
    }
}
