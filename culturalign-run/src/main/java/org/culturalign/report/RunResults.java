package org.culturalign.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The contents of one run's {@code results.json} (schema {@code culturalign.results/1}, see
 * {@code docs/schemas/results.md}), as the report uses them.
 *
 * @param dir the run folder
 * @param configHash SHA-256 of the canonical config ("sha256:&lt;hex&gt;")
 * @param startedAt ISO-8601 instant or {@code null}
 * @param finishedAt ISO-8601 instant or {@code null}
 * @param demoModel true when any model is the built-in demo model
 * @param warnings one human-readable line each
 * @param provenance the provenance object as written (config, seed, models, data, tool, git commit, Java, OS)
 * @param counts the counts object as written (cells, probes, requests, cache hits, skips)
 * @param cells grid cells in file order
 * @param iclGains paired k-shot minus 0-shot differences, in file order
 * @param significance across-country tests, in file order
 * @param coverageThreshold mean-coverage threshold below which a cell is "low coverage", or {@code null}
 * @param lowCoverageCells number of cells below the threshold
 * @param analysis the analysis object as written (ceiling splits, FDR q, counts), missing in older files
 */
public record RunResults(Path dir, String configHash, String startedAt, String finishedAt, boolean demoModel,
                         List<String> warnings, JsonNode provenance, JsonNode counts, List<Cell> cells,
                         List<IclGain> iclGains, List<Significance> significance, Double coverageThreshold,
                         int lowCoverageCells, JsonNode analysis) {

    /** The schema versions this reader understands. */
    public static final List<String> SUPPORTED_SCHEMAS = List.of("culturalign.results/1");

    /**
     * A summary of one metric over a cell's probes; CI bounds are {@code null} when not computable (n &lt; 2).
     *
     * @param mean mean over the probes
     * @param sd sample standard deviation or {@code null}
     * @param n probes
     * @param ciLower lower bound of the 95% percentile bootstrap CI of the mean, or {@code null}
     * @param ciUpper upper bound, or {@code null}
     */
    public record Summary(double mean, Double sd, int n, Double ciLower, Double ciUpper) {
    }

    /**
     * One grid cell: (model, country, language, shots, selector, format, persona).
     *
     * @param metrics metric name to summary
     * @param baselines baseline name ({@code uniform}, {@code random_option}, {@code global}) to metric name to mean
     * @param meanCoverage mean probability mass on the options, in [0, 1], or {@code null}
     * @param ceiling the cell's human ceiling, or {@code null} in files written before it existed
     */
    public record Cell(String model, String country, String language, int shots, String selector, String format,
                       boolean persona, int n, Map<String, Summary> metrics,
                       Map<String, Map<String, Double>> baselines, Double meanCoverage, Ceiling ceiling) {

        /** The summary of {@code metric}, or {@code null} when the cell lacks it. */
        public Summary metric(String metric) {
            return metrics.get(metric);
        }

        /** The mean of {@code metric} for {@code baseline}, or {@code null}. */
        public Double baseline(String baseline, String metric) {
            Map<String, Double> m = baselines.get(baseline);
            return m == null ? null : m.get(metric);
        }
    }

    /**
     * A cell's human ceiling (results.json {@code cells[].humanCeiling}).
     *
     * @param ceiling mean split-half similarity over the questions that have one, or {@code null}
     * @param modelSimilarity the model's mean similarity over the same questions, or {@code null}
     * @param fraction modelSimilarity / ceiling, or {@code null}
     * @param questions questions with a ceiling
     * @param questionsWithout questions without one
     * @param reason why questions lack one, or {@code null}
     */
    public record Ceiling(Double ceiling, Double modelSimilarity, Double fraction, int questions,
                          int questionsWithout, String reason) {
    }

    /**
     * dS = S(k shots) - S(0 shots) for one (model, country, language, selector, format, persona, k), paired over the
     * questions both cells scored.
     *
     * @param zeroShot mean at 0 shots over the paired questions
     * @param kShot mean at k shots over the paired questions
     * @param estimate kShot - zeroShot
     * @param ciLower lower bound of the 95% CI, or {@code null}
     * @param ciUpper upper bound, or {@code null}
     * @param n paired questions
     * @param method how the CI was computed
     * @param pValue two-sided sign-flip p-value, or {@code null} in older files
     * @param pAdjusted Benjamini-Hochberg adjusted p-value, or {@code null}
     * @param survivesFdr whether pAdjusted &lt;= q, or {@code null}
     */
    public record IclGain(String model, String country, String language, String selector, String format,
                          boolean persona, int shots, String metric, double zeroShot, double kShot, double estimate,
                          Double ciLower, Double ciUpper, int n, String method, Double pValue, Double pAdjusted,
                          Boolean survivesFdr) {
    }

    /** A "k shots beats 0 shots" test across countries (Wilcoxon signed-rank over country means). */
    public record Significance(String model, String language, String selector, String format, boolean persona,
                               int shots, String metric, String test, Double statistic, Double pValue,
                               int nCountries, Double meanGain) {
    }

    /** The seed recorded in the provenance, or 0 when absent. */
    public long seed() {
        return provenance.path("seed").asLong(0);
    }
}
