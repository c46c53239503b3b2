package org.culturalign.columnar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.culturalign.io.AtomicFiles;
import org.culturalign.metric.ProbeMetrics;

/**
 * Writes a finished run folder's {@code samples.jsonl} and {@code cells.csv} as {@code samples.parquet} and
 * {@code cells.parquet} (schemas {@value #SAMPLES_SCHEMA} and {@value #CELLS_SCHEMA}, {@code docs/schemas/parquet.md}),
 * so that a million-probe run opens in pandas, Polars or DuckDB in seconds. The conversion is DuckDB's: its JSON and
 * CSV readers with every column typed explicitly (the schema never depends on the data), then
 * {@code COPY ... TO ... (FORMAT PARQUET, COMPRESSION ZSTD)}. Doubles are carried bit for bit (the text files hold
 * Java's shortest round-trip form). Each file is written to a temporary file in the folder and moved into place.
 */
public final class ParquetExport {
    /** Schema of samples.parquet, in its key-value metadata under {@code culturalign_schema}. */
    public static final String SAMPLES_SCHEMA = "culturalign.samples-parquet/1";
    /** Schema of cells.parquet, in its key-value metadata under {@code culturalign_schema}. */
    public static final String CELLS_SCHEMA = "culturalign.cells-parquet/1";
    /** Per-probe metrics, one DOUBLE column each (null where a metric does not apply). */
    public static final List<String> METRICS = List.of(ProbeMetrics.JS_DISTANCE, ProbeMetrics.SIMILARITY,
            ProbeMetrics.WASSERSTEIN, ProbeMetrics.MAJORITY_MATCH, ProbeMetrics.SOFT_AGREEMENT, ProbeMetrics.MODEL_MEAN,
            ProbeMetrics.HUMAN_MEAN, ProbeMetrics.POLE_MATCH, ProbeMetrics.POLE_AGREEMENT);
    /** Baseline answerers, each with the {@link #METRICS} as {@code <baseline>_<metric>} columns. */
    public static final List<String> BASELINES = List.of("uniform", "random_option", "global");

    private ParquetExport() {
    }

    /** The two files written. */
    public record Written(Path samples, Path cells) {
    }

    /**
     * Converts the folder's {@code samples.jsonl} and {@code cells.csv}.
     *
     * @throws IOException  when a file cannot be read, written or moved
     * @throws SQLException when DuckDB cannot convert (a line that does not follow the samples schema)
     */
    public static Written write(Path runFolder) throws IOException, SQLException {
        Path samples = runFolder.resolve("samples.jsonl");
        Path cells = runFolder.resolve("cells.csv");
        Path samplesOut = runFolder.resolve("samples.parquet");
        Path cellsOut = runFolder.resolve("cells.parquet");
        // the driver itself, not DriverManager: its service lookup depends on the class loader that first used it
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
             Statement st = c.createStatement()) {
            // a shared 2-core machine: DuckDB would otherwise take every core
            st.execute("SET threads = " + Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            copy(st, samplesQuery(samples), samplesOut, SAMPLES_SCHEMA);
            copy(st, cellsQuery(cells), cellsOut, CELLS_SCHEMA);
        }
        return new Written(samplesOut, cellsOut);
    }

    private static void copy(Statement st, String query, Path target, String schema) throws IOException,
            SQLException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            st.execute("COPY (" + query + ") TO " + literal(tmp) + " (FORMAT PARQUET, COMPRESSION ZSTD, "
                    + "KV_METADATA {culturalign_schema: '" + schema + "'})");
            AtomicFiles.moveInto(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String samplesQuery(Path samples) {
        String metrics = "STRUCT(" + String.join(", ", METRICS.stream().map(m -> m + " DOUBLE").toList())
                + ", coverage DOUBLE)";
        String columns = "{schema: 'VARCHAR', model: 'VARCHAR', country: 'VARCHAR', language: 'VARCHAR', "
                + "questionId: 'VARCHAR', category: 'VARCHAR', shots: 'INTEGER', selector: 'VARCHAR', "
                + "format: 'VARCHAR', persona: 'BOOLEAN', template: 'VARCHAR', target: 'VARCHAR', "
                + "lengthNormalisation: 'VARCHAR', "
                + "demonstrations: 'STRUCT(questionId VARCHAR, answerCode INTEGER, answer VARCHAR)[]', "
                + "demonstrationNote: 'VARCHAR', prompt: 'JSON', continuations: 'VARCHAR[]', logprobs: 'DOUBLE[]', "
                + "normalisedLogprobs: 'DOUBLE[]', exact: 'BOOLEAN', scoringMode: 'VARCHAR', "
                + "targetCodes: 'INTEGER[]', modelDistribution: 'DOUBLE[]', coverage: 'DOUBLE', "
                + "humanDistribution: 'DOUBLE[]', humanRespondents: 'BIGINT', metrics: '" + metrics + "', "
                + "baselines: 'STRUCT(" + String.join(", ", BASELINES.stream().map(b -> b + " " + metrics).toList())
                + ")', cached: 'BOOLEAN'}";
        List<String> select = new ArrayList<>(List.of("schema", "model", "country", "language",
                "questionId AS question_id", "category", "shots", "selector", "format", "persona", "template",
                "target", "lengthNormalisation AS length_normalisation", "demonstrations",
                "demonstrationNote AS demonstration_note", "json_extract_string(prompt, '$.type') AS prompt_type",
                "json_extract_string(prompt, '$.text') AS prompt_text", "CAST(prompt AS VARCHAR) AS prompt_json",
                "continuations", "logprobs", "normalisedLogprobs AS normalised_logprobs", "exact",
                "scoringMode AS scoring_mode", "targetCodes AS target_codes",
                "modelDistribution AS model_distribution", "coverage", "humanDistribution AS human_distribution",
                "humanRespondents AS human_respondents"));
        for (String m : METRICS) {
            select.add("metrics." + m + " AS " + m);
        }
        for (String b : BASELINES) {
            for (String m : METRICS) {
                select.add("baselines." + b + "." + m + " AS " + b + "_" + m);
            }
        }
        select.add("cached");
        // preserve_insertion_order (DuckDB's default) keeps the file's grid order
        return "SELECT " + String.join(", ", select) + " FROM read_json(" + literal(samples)
                + ", format = 'newline_delimited', records = true, columns = " + columns + ")";
    }

    /** The DuckDB type of every {@code cells.csv} column, in its order ({@code ResultsWriter.CELLS_CSV_COLUMNS}). */
    static final java.util.Map<String, String> CELLS_TYPES = cellsTypes();

    private static java.util.Map<String, String> cellsTypes() {
        java.util.Map<String, String> t = new java.util.LinkedHashMap<>();
        for (String c : List.of("model", "country", "language", "selector", "format", "metric")) {
            t.put(c, "VARCHAR");
        }
        t.put("shots", "INTEGER");
        t.put("persona", "BOOLEAN");
        t.put("n", "BIGINT");
        java.util.Map<String, String> ordered = new java.util.LinkedHashMap<>();
        for (String c : org.culturalign.run.ResultsWriter.CELLS_CSV_COLUMNS) {
            ordered.put(c, t.getOrDefault(c, "DOUBLE")); // every other column is a mean, a bound or a ratio
        }
        return java.util.Collections.unmodifiableMap(ordered);
    }

    static String cellsQuery(Path cells) {
        StringBuilder columns = new StringBuilder();
        for (java.util.Map.Entry<String, String> e : CELLS_TYPES.entrySet()) {
            columns.append(columns.length() == 0 ? "" : ", ").append(e.getKey()).append(": '").append(e.getValue())
                    .append('\'');
        }
        return "SELECT * FROM read_csv(" + literal(cells) + ", header = true, nullstr = '', quote = '\"', "
                + "escape = '\"', columns = {" + columns + "})";
    }

    /** A path as an SQL string literal. */
    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
