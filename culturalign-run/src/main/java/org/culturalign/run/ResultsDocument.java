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
                              List<Significance> significance, CoverageInfo coverage, Analysis analysis,
                              List<ItemCeiling> humanCeilings) {
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
                       Map<String, Map<String, Double>> baselines, Double meanCoverage, CellCeiling humanCeiling) {
    }

    /**
     * A cell's human ceiling ({@link HumanCeilings#forCell}): over the cell's scored questions that have an item
     * ceiling, the mean ceiling, the model's mean similarity and their ratio.
     *
     * @param metric            the metric ({@code similarity})
     * @param ceiling           mean split-half similarity of the country's respondents, in [0, 1]; null when no
     *                          question has a ceiling
     * @param modelSimilarity   the model's mean similarity over the same questions, in [0, 1]; null likewise
     * @param fractionOfCeiling {@code modelSimilarity / ceiling} (may exceed 1: halves are noisier than the full
     *                          sample); null likewise or when the ceiling is 0
     * @param questions         questions with a ceiling
     * @param questionsWithout  scored questions without one
     * @param reason            why questions lack a ceiling, with counts (e.g. n unknown); null when none does
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CellCeiling(String metric, Double ceiling, Double modelSimilarity, Double fractionOfCeiling,
                              int questions, int questionsWithout, String reason) {
    }

    /**
     * One item's human ceiling ({@link HumanCeilings}): split-half similarity of a country's respondents on one
     * question in one probe format.
     *
     * @param respondents n, or null when the data does not give it
     * @param ceiling     mean split-half similarity over the splits, in [0, 1]; null with a {@code reason}
     * @param lower       2.5th percentile of the split values (the spread of one split, not a CI of the mean)
     * @param upper       97.5th percentile
     * @param splits      splits drawn
     * @param used        splits with a defined value (binary: both halves have pole answers)
     * @param reason      why there is no ceiling, or null
     * @param note        a caveat (e.g. counts rebuilt from weighted shares), or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ItemCeiling(String country, String format, String questionId, Long respondents, Double ceiling,
                              Double lower, Double upper, int splits, int used, String reason, String note) {
    }

    /**
     * How the stored probes were analysed ({@link AnalysisOptions}).
     *
     * @param ceilingSplits  split-halves per item (0: no ceiling)
     * @param ceilingMethod  how the ceiling is computed
     * @param fdrQ           the Benjamini-Hochberg false discovery rate
     * @param fdrFamily      which tests form the family the FDR is controlled over
     * @param gainTest       how each ICL gain's p-value is computed
     * @param gainsTested    ICL gains with a p-value
     * @param gainsSurviving gains whose BH-adjusted p-value is at most q
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Analysis(int ceilingSplits, String ceilingMethod, double fdrQ, String fdrFamily, String gainTest,
                           int gainsTested, int gainsSurviving) {
    }

    /**
     * dS = S(k) - S(0) for one country, paired over questions, with a percentile bootstrap CI; {@code pValue} is the
     * two-sided paired sign-flip p-value of dS = 0 ({@link org.culturalign.metric.SignFlipTest}), {@code pAdjusted}
     * its Benjamini-Hochberg adjustment over all the run's gains, {@code survivesFdr} whether {@code pAdjusted <= q}
     * (all three null in files written before they existed).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IclGain(String model, String country, String language, String selector, String format,
                          boolean persona, int shots, String metric, double zeroShot, double kShot, double estimate,
                          double ciLower, double ciUpper, int n, String method, int resamples, Double pValue,
                          Double pAdjusted, Boolean survivesFdr) {
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
