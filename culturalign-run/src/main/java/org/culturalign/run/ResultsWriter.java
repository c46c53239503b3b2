package org.culturalign.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.culturalign.io.AtomicFiles;
import org.culturalign.metric.Bootstrap;
import org.culturalign.metric.Interval;
import org.culturalign.metric.MetricSummary;
import org.culturalign.metric.ProbeMetrics;
import org.culturalign.metric.SignedRankTest;
import org.culturalign.metric.Summary;
import org.culturalign.metric.TestResult;

/**
 * Writes a run's output files from its committed rows: {@code samples.jsonl} (streamed), {@code results.json}
 * (aggregates per cell with the human ceiling, ICL gains with paired-bootstrap CIs, sign-flip p-values and their
 * Benjamini-Hochberg adjustment, Wilcoxon tests across countries) and the CSV tables.
 * Every file is written to a temp file and moved into place.
 */
public final class ResultsWriter {
    /** Cells whose mean coverage is below this are flagged (the model wanted to say something else). */
    public static final double LOW_COVERAGE = 0.10;
    /** The metric ICL gains and tests are computed on (GlobalOpinionQA similarity, 1 - JS distance). */
    public static final String GAIN_METRIC = ProbeMetrics.SIMILARITY;
    /** Baseline answerers, as named in results.json and samples.jsonl. */
    public static final List<String> BASELINES = List.of("uniform", "random_option", "global");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {
    }

    /** Per-invocation facts the aggregates do not know. */
    public record RunFacts(String configHash, Path outputPath, String startedAt, String finishedAt,
                           long modelRequests, long cacheHits, boolean demoModel, List<String> extraWarnings) {
    }

    /**
     * Writes every output file of a run folder.
     *
     * @return the results document written
     */
    public static ResultsDocument write(Path folder, RunStore store, EvalConfig config, JsonNode provenance,
                                        RunFacts facts, AnalysisOptions analysis, HumanCeilings ceilings) {
        writeText(folder.resolve("samples.jsonl"), w -> store.forEachSample(line -> {
            try {
                w.write(line);
                w.write('\n');
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        ResultsDocument doc = aggregate(store, config, provenance, facts, analysis, ceilings);
        String results = pretty(doc);
        writeText(folder.resolve("results.json"), w -> w.write(results));
        writeCsvs(folder, doc);
        PaperTable.write(folder, doc);
        writeFailures(folder, store, config);
        return doc;
    }

    static String pretty(ResultsDocument doc) {
        try {
            return PRETTY.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per-cell accumulator: metric values by question, in question order. */
    private static final class CellValues {
        final List<String> questions = new ArrayList<>();
        final List<ProbeMetrics> metrics = new ArrayList<>();
        final Map<String, List<ProbeMetrics>> baselines = new LinkedHashMap<>();
        final Map<String, Double> gainMetric = new LinkedHashMap<>();
        double coverageSum;
        boolean allFlat = true;
    }

    static ResultsDocument aggregate(RunStore store, EvalConfig config, JsonNode provenance, RunFacts facts,
                                     AnalysisOptions analysis, HumanCeilings ceilings) {
        Map<String, CellValues> byCell = new LinkedHashMap<>();
        store.forEachScores((cellKey, scoresJson) -> {
            JsonNode s;
            try {
                s = JSON.readTree(scoresJson);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt scores row in run.db: " + scoresJson, e);
            }
            CellValues v = byCell.computeIfAbsent(cellKey, k -> new CellValues());
            String q = s.get("q").asText();
            ProbeMetrics m = metrics(s.get("m"));
            v.questions.add(q);
            v.metrics.add(m);
            s.get("b").properties().forEach(e -> v.baselines.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                    .add(metrics(e.getValue())));
            Double g = m.values().get(GAIN_METRIC);
            if (g != null) {
                v.gainMetric.put(q, g);
            }
            v.coverageSum += s.get("coverage").asDouble();
            v.allFlat &= s.get("spread").asDouble() < 1e-9;
        });
        Map<String, Map<String, Integer>> skips = store.skipCounts();
        List<String> warnings = new ArrayList<>(facts.extraWarnings());
        List<ResultsDocument.Cell> cells = new ArrayList<>();
        Map<String, Long> skippedTotal = new LinkedHashMap<>();
        int lowCells = 0;
        List<String> lowCoverage = new ArrayList<>();
        long scored = 0;
        int resamples = config.bootstrapResamples();
        for (GridCell cell : EvalGrid.cells(config)) {
            CellValues v = byCell.get(cell.key());
            Map<String, Long> cellSkips = new LinkedHashMap<>();
            skips.getOrDefault(cell.key(), Map.of()).forEach((r, n) -> {
                cellSkips.put(r, (long) n);
                skippedTotal.merge(r, (long) n, Long::sum);
            });
            Map<String, ResultsDocument.MetricStats> stats = new LinkedHashMap<>();
            Map<String, Map<String, Double>> baselines = new LinkedHashMap<>();
            Double meanCoverage = null;
            ResultsDocument.CellCeiling ceiling = null;
            long n = 0;
            if (v != null && !v.metrics.isEmpty()) {
                n = v.metrics.size();
                scored += n;
                Map<String, Summary> summaries = MetricSummary.of(v.metrics);
                for (Map.Entry<String, Summary> e : summaries.entrySet()) {
                    double[] values = v.metrics.stream().map(pm -> pm.values().get(e.getKey()))
                            .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
                    Double lo = null;
                    Double hi = null;
                    if (values.length >= 2) {
                        Interval ci = Bootstrap.pairedMeanDifference(values, new double[values.length], resamples,
                                config.seed());
                        lo = ci.lower();
                        hi = ci.upper();
                    }
                    Summary s = e.getValue();
                    stats.put(e.getKey(), new ResultsDocument.MetricStats(s.mean(), s.sd(), s.n(), lo, hi));
                }
                for (String b : BASELINES) {
                    List<ProbeMetrics> list = v.baselines.get(b);
                    if (list != null && !list.isEmpty()) {
                        Map<String, Double> means = new LinkedHashMap<>();
                        MetricSummary.of(list).forEach((k, s) -> means.put(k, s.mean()));
                        baselines.put(b, means);
                    }
                }
                meanCoverage = v.coverageSum / n;
                ceiling = ceilings.forCell(cell.country(), cell.format(), v.gainMetric);
                if (meanCoverage < LOW_COVERAGE) {
                    lowCells++;
                    // the full label: cells differing only in format, persona or model must not read alike
                    lowCoverage.add((config.models().size() > 1 ? cell.model() + " " : "") + cell.label());
                }
                if (v.allFlat && n >= 2) {
                    warnings.add("BROKEN SCORING: model " + cell.model() + ", " + cell.label() + ": every probe got "
                            + "exactly uniform probabilities; the backend is not returning real log-probabilities "
                            + "(e.g. a server that drops logprobs). These numbers are not alignment results.");
                }
            }
            cells.add(new ResultsDocument.Cell(cell.model(), cell.country(), cell.language(), cell.shots(),
                    cell.selector(), cell.format(), cell.persona(), n, cellSkips, stats, baselines, meanCoverage,
                    ceiling));
        }
        if (!lowCoverage.isEmpty()) {
            warnings.add(String.format(java.util.Locale.ROOT, "low coverage in %d of %d cells (mean coverage < %.2f: "
                    + "the model put most probability on other continuations than the options; each cell's "
                    + "meanCoverage is in results.json): %s", lowCells, cells.size(), LOW_COVERAGE,
                    lowCoverage.size() <= 6 ? String.join(", ", lowCoverage)
                            : String.join(", ", lowCoverage.subList(0, 6)) + ", ..."));
        }
        List<ResultsDocument.IclGain> gains = GainTests.withFdr(gains(config, byCell), analysis.fdrQ());
        List<ResultsDocument.Significance> tests = significance(config, gains);
        int surviving = (int) gains.stream().filter(g -> Boolean.TRUE.equals(g.survivesFdr())).count();
        int tested = (int) gains.stream().filter(g -> g.pValue() != null).count();
        ResultsDocument.Analysis analysisInfo = new ResultsDocument.Analysis(analysis.ceilingSplits(),
                analysis.ceilingSplits() == 0 ? null : HumanCeilings.METHOD, analysis.fdrQ(), GainTests.FAMILY,
                GainTests.METHOD, tested, surviving);
        int failed = store.failures().size();
        if (failed > 0) {
            warnings.add(failed + " probe(s) failed and are not scored (each with its reason in failures.csv); rerun "
                    + "the same command with --output-path set to this run folder to try them again");
        }
        ResultsDocument.Counts counts = new ResultsDocument.Counts(cells.size(), scored, facts.modelRequests(),
                facts.cacheHits(), skippedTotal, failed);
        return new ResultsDocument(ResultsDocument.SCHEMA, new ResultsDocument.RunInfo(facts.configHash(),
                facts.outputPath().toString(), facts.startedAt(), facts.finishedAt()), facts.demoModel(), warnings,
                provenance, counts, cells, gains, tests, new ResultsDocument.CoverageInfo(LOW_COVERAGE, lowCells),
                analysisInfo, ceilings.items());
    }

    private static List<ResultsDocument.IclGain> gains(EvalConfig config, Map<String, CellValues> byCell) {
        List<ResultsDocument.IclGain> gains = new ArrayList<>();
        for (GridCell cell : EvalGrid.cells(config)) {
            if (cell.shots() == 0) {
                continue;
            }
            CellValues k = byCell.get(cell.key());
            CellValues zero = byCell.get(cell.zeroShot().key());
            if (k == null || zero == null) {
                continue;
            }
            List<Double> treated = new ArrayList<>();
            List<Double> control = new ArrayList<>();
            k.gainMetric.forEach((q, value) -> {
                Double z = zero.gainMetric.get(q);
                if (z != null) {
                    treated.add(value);
                    control.add(z);
                }
            });
            if (treated.isEmpty()) {
                continue;
            }
            double[] t = treated.stream().mapToDouble(Double::doubleValue).toArray();
            double[] c = control.stream().mapToDouble(Double::doubleValue).toArray();
            Interval ci = Bootstrap.pairedMeanDifference(t, c, config.bootstrapResamples(), config.seed());
            double p = GainTests.pValue(t, c, config.bootstrapResamples(), config.seed(), cell);
            gains.add(new ResultsDocument.IclGain(cell.model(), cell.country(), cell.language(), cell.selector(),
                    cell.format(), cell.persona(), cell.shots(), GAIN_METRIC, mean(c), mean(t), ci.estimate(),
                    ci.lower(), ci.upper(), ci.n(), "paired bootstrap over questions, 95% percentile CI",
                    config.bootstrapResamples(), p, null, null));
        }
        return gains;
    }

    private static List<ResultsDocument.Significance> significance(EvalConfig config,
                                                                   List<ResultsDocument.IclGain> gains) {
        Map<String, List<ResultsDocument.IclGain>> groups = new LinkedHashMap<>();
        for (ResultsDocument.IclGain g : gains) {
            groups.computeIfAbsent(String.join("|", g.model(), g.language(), g.selector(), g.format(),
                    String.valueOf(g.persona()), String.valueOf(g.shots())), x -> new ArrayList<>()).add(g);
        }
        List<ResultsDocument.Significance> out = new ArrayList<>();
        for (List<ResultsDocument.IclGain> group : groups.values()) {
            ResultsDocument.IclGain first = group.get(0);
            double[] x = group.stream().mapToDouble(ResultsDocument.IclGain::kShot).toArray();
            double[] y = group.stream().mapToDouble(ResultsDocument.IclGain::zeroShot).toArray();
            Double statistic = null;
            Double p = null;
            String test = "wilcoxon signed-rank, one-sided (k-shot > 0-shot country means)";
            if (x.length >= 1 && !Arrays.equals(x, y)) {
                TestResult r = SignedRankTest.wilcoxon(x, y, SignedRankTest.Alternative.GREATER);
                statistic = r.statistic();
                p = r.pValue();
                // countries with a zero difference drop out of the test; say how many pairs it used and whether
                // the p-value is exact or the normal approximation (n > 30, ties, or the one-sided bound)
                test += "; n = " + r.n() + " non-zero differences; " + (r.exact() ? "exact p" : "approximate p");
            }
            out.add(new ResultsDocument.Significance(first.model(), first.language(), first.selector(),
                    first.format(), first.persona(), first.shots(), GAIN_METRIC, test, statistic, p, group.size(),
                    mean(x) - mean(y)));
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static ProbeMetrics metrics(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asDouble()));
        return new ProbeMetrics(values);
    }

    /** The header of {@code cells.csv}, in column order (readers such as the Parquet export type it by name). */
    public static final List<String> CELLS_CSV_COLUMNS = List.of("model", "country", "language", "shots", "selector",
            "format", "persona", "metric", "n", "mean", "sd", "ci_lower", "ci_upper", "uniform", "random_option",
            "global", "human_ceiling", "fraction_of_ceiling");

    private static void writeCsvs(Path folder, ResultsDocument doc) {
        csv(folder.resolve("cells.csv"), CELLS_CSV_COLUMNS,
                p -> {
                    for (ResultsDocument.Cell c : doc.cells()) {
                        for (Map.Entry<String, ResultsDocument.MetricStats> e : c.metrics().entrySet()) {
                            ResultsDocument.MetricStats s = e.getValue();
                            ResultsDocument.CellCeiling ceiling = c.humanCeiling() != null
                                    && c.humanCeiling().metric().equals(e.getKey()) ? c.humanCeiling() : null;
                            p.printRecord(c.model(), c.country(), c.language(), c.shots(), c.selector(), c.format(),
                                    c.persona(), e.getKey(), s.n(), s.mean(), s.sd(), s.ciLower(), s.ciUpper(),
                                    baseline(c, "uniform", e.getKey()), baseline(c, "random_option", e.getKey()),
                                    baseline(c, "global", e.getKey()), ceiling == null ? null : ceiling.ceiling(),
                                    ceiling == null ? null : ceiling.fractionOfCeiling());
                        }
                    }
                });
        csv(folder.resolve("icl_gains.csv"), List.of("model", "country", "language", "selector", "format", "persona",
                "shots", "metric", "zero_shot", "k_shot", "gain", "ci_lower", "ci_upper", "n", "p_value", "p_adjusted",
                "survives_fdr"), p -> {
                    for (ResultsDocument.IclGain g : doc.iclGains()) {
                        p.printRecord(g.model(), g.country(), g.language(), g.selector(), g.format(), g.persona(),
                                g.shots(), g.metric(), g.zeroShot(), g.kShot(), g.estimate(), g.ciLower(),
                                g.ciUpper(), g.n(), g.pValue(), g.pAdjusted(), g.survivesFdr());
                    }
                });
        csv(folder.resolve("human_ceilings.csv"), List.of("country", "format", "question", "respondents", "ceiling",
                "split_p2_5", "split_p97_5", "splits", "used", "reason", "note"), p -> {
                    for (ResultsDocument.ItemCeiling c : doc.humanCeilings()) {
                        p.printRecord(c.country(), c.format(), c.questionId(), c.respondents(), c.ceiling(),
                                c.lower(), c.upper(), c.splits(), c.used(), c.reason(), c.note());
                    }
                });
        csv(folder.resolve("significance.csv"), List.of("model", "language", "selector", "format", "persona", "shots",
                "metric", "statistic", "p_value", "n_countries", "mean_gain"), p -> {
                    for (ResultsDocument.Significance s : doc.significance()) {
                        p.printRecord(s.model(), s.language(), s.selector(), s.format(), s.persona(), s.shots(),
                                s.metric(), s.statistic(), s.pValue(), s.nCountries(), s.meanGain());
                    }
                });
        csv(folder.resolve("skips.csv"), List.of("model", "country", "language", "shots", "selector", "format",
                "persona", "reason", "count"), p -> {
                    for (ResultsDocument.Cell c : doc.cells()) {
                        for (Map.Entry<String, Long> e : c.skipped().entrySet()) {
                            p.printRecord(c.model(), c.country(), c.language(), c.shots(), c.selector(), c.format(),
                                    c.persona(), e.getKey(), e.getValue());
                        }
                    }
                });
    }

    /** {@code failures.csv}: one row per failed probe, in grid order (a header only when none failed). */
    private static void writeFailures(Path folder, RunStore store, EvalConfig config) {
        Map<String, GridCell> cells = new LinkedHashMap<>();
        for (GridCell c : EvalGrid.cells(config)) {
            cells.put(c.key(), c);
        }
        csv(folder.resolve("failures.csv"), List.of("model", "country", "language", "shots", "selector", "format",
                "persona", "question_id", "reason"), p -> {
                    for (RunStore.FailureRow f : store.failures()) {
                        GridCell c = cells.get(f.cellKey());
                        if (c != null) {
                            p.printRecord(c.model(), c.country(), c.language(), c.shots(), c.selector(), c.format(),
                                    c.persona(), f.questionId(), f.reason());
                        }
                    }
                });
    }

    private static Double baseline(ResultsDocument.Cell c, String name, String metric) {
        Map<String, Double> m = c.baselines().get(name);
        return m == null ? null : m.get(metric);
    }

    private interface Rows {
        void print(CSVPrinter p) throws IOException;
    }

    private static void csv(Path file, List<String> header, Rows rows) {
        writeText(file, w -> {
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                    .setRecordSeparator('\n').get());
            rows.print(p);
            p.flush();
        });
    }

    /** Writes a run file atomically; a failure is unchecked, naming the file. */
    private static void writeText(Path file, AtomicFiles.IOConsumer<Writer> content) {
        try {
            AtomicFiles.writeText(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
