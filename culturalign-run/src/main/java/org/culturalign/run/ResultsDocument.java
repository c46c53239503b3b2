package org.culturalign.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code results.json}, schema {@value #SCHEMA} ({@code docs/schemas/results.md}). Written by
 * {@link ResultsWriter}, read back by {@link ResultsReader} (the report reads it this way). Unknown fields are ignored
 * when reading, so files from later minor additions stay readable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResultsDocument(String schema, RunInfo run, boolean demoModel, List<String> warnings,
                              JsonNode provenance, Counts counts, List<Cell> cells, List<IclGain> iclGains,
                              List<Significance> significance, CoverageInfo coverage) {
    /** The schema version this code writes. */
    public static final String SCHEMA = "culturalign.results/1";

    /** The run's identity and times (ISO-8601 UTC). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunInfo(String configHash, String outputPath, String startedAt, String finishedAt) {
    }

    /**
     * Probe counts; {@code skipped} maps a reason to its count; {@code probesFailed} counts probes whose request
     * failed for a reason of its own (listed in {@code failures.csv}, never scored; 0 in files written before failures
     * were recorded).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(int cells, long probesScored, long modelRequests, long cacheHits,
                         Map<String, Long> skipped, long probesFailed) {
    }

    /** Mean, sample SD, n and the 95% bootstrap CI of the mean (null bounds when n &lt; 2). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MetricStats(double mean, double sd, long n, Double ciLower, Double ciUpper) {
    }

    /** One grid cell's aggregates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cell(String model, String country, String language, int shots, String selector, String format,
                       boolean persona, long n, Map<String, Long> skipped, Map<String, MetricStats> metrics,
                       Map<String, Map<String, Double>> baselines, Double meanCoverage) {
    }

    /** dS = S(k) - S(0) for one country, paired over questions, with a percentile bootstrap CI. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IclGain(String model, String country, String language, String selector, String format,
                          boolean persona, int shots, String metric, double zeroShot, double kShot, double estimate,
                          double ciLower, double ciUpper, int n, String method, int resamples) {
    }

    /** Wilcoxon signed-rank test across countries of k-shot vs 0-shot means (alternative: k shots greater). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Significance(String model, String language, String selector, String format, boolean persona,
                               int shots, String metric, String test, Double statistic, Double pValue,
                               int nCountries, double meanGain) {
    }

    /** The coverage threshold below which a cell is flagged, and how many were. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CoverageInfo(double threshold, int lowCells) {
    }
}
