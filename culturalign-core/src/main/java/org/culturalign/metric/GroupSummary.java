package org.culturalign.metric;

import java.util.Map;

/**
 * The aggregate of one group of probe results.
 *
 * @param n       number of rows (probes) in the group
 * @param metrics each metric over the rows it applies to, with its own n (see {@link MetricSummary#of})
 */
public record GroupSummary(long n, Map<String, Summary> metrics) {
    /** @throws IllegalArgumentException for n &lt; 1 or null metrics */
    public GroupSummary {
        if (n < 1 || metrics == null) {
            throw new IllegalArgumentException("a group summary needs n >= 1 and metrics, got n = " + n);
        }
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}
