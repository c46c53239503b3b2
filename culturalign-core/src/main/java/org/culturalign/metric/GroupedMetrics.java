package org.culturalign.metric;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Aggregates per-probe metrics over any grouping: by model, country, language, shots, selector, format, persona,
 * category or any combination (a {@link GroupKey} or any other key type with value equality, e.g. a record).
 */
public final class GroupedMetrics {
    private GroupedMetrics() {
    }

    /**
     * Groups rows by {@code key} and summarises each group's metrics.
     *
     * @param rows    per-probe results, in any order
     * @param key     the group of a row (non-null; equal keys form one group)
     * @param metrics the metrics of a row
     * @return group to its summary with n, groups in order of first appearance
     * @throws IllegalArgumentException for a null row, key or metrics
     */
    public static <R, K> Map<K, GroupSummary> aggregate(Collection<? extends R> rows,
                                                        Function<? super R, ? extends K> key,
                                                        Function<? super R, ProbeMetrics> metrics) {
        Map<K, List<ProbeMetrics>> groups = new LinkedHashMap<>();
        for (R row : rows) {
            if (row == null) {
                throw new IllegalArgumentException("rows must not contain null");
            }
            K k = key.apply(row);
            ProbeMetrics m = metrics.apply(row);
            if (k == null || m == null) {
                throw new IllegalArgumentException("row " + row + " has no group key or no metrics");
            }
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
        }
        Map<K, GroupSummary> out = new LinkedHashMap<>();
        groups.forEach((k, list) -> out.put(k, new GroupSummary(list.size(), MetricSummary.of(list))));
        return out;
    }

    /**
     * Groups rows, each keyed by its full {@link GroupKey}, on a subset of the key's dimensions, aggregating over the
     * others: {@code by(rows, List.of("model", "shots"))} gives one summary per (model, shots) over all countries,
     * languages and questions.
     *
     * @param rows       row key (with at least {@code dimensions}) to that row's metrics
     * @param dimensions the dimensions to keep, in order
     * @throws IllegalArgumentException when a row lacks one of the dimensions
     */
    public static Map<GroupKey, GroupSummary> by(Collection<Map.Entry<GroupKey, ProbeMetrics>> rows,
                                                 List<String> dimensions) {
        return aggregate(rows, row -> row.getKey().project(dimensions), Map.Entry::getValue);
    }
}
