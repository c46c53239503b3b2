package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culturalign eval} on the demo model writes samples.parquet and cells.parquet beside samples.jsonl and
 * cells.csv, and DuckDB reads back every probe's values and every cell row exactly as the text files hold them.
 */
class ParquetOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<Double> doubles(Array a) throws Exception {
        List<Double> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add((Double) o);
        }
        return out;
    }

    private static List<Double> doubles(JsonNode a) {
        List<Double> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asDouble()));
        return out;
    }

    @Test
    void everySampleAndCellRowOfADemoRunComesBackFromParquetExactly() throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.withSystemOut("eval", "--countries", "DEU,NGA", "--languages", "en", "--shots", "0,2",
                "--selectors", "chrf", "--questions", "Q46,Q57,Q164", "--output-path", out.toString(), "--no-cache",
                "--progress", "quiet", "--model-args", "n_threads=1");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("parquet: " + out.resolve("samples.parquet") + ", "
                + out.resolve("cells.parquet"));
        List<String> lines = Files.readAllLines(out.resolve("samples.jsonl"));
        assertThat(lines).hasSize(12);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT country, shots, question_id, prompt_text, logprobs, "
                    + "model_distribution, human_distribution, coverage, similarity, js_distance, "
                    + "global_similarity, cached FROM '" + out.resolve("samples.parquet") + "'")) {
                for (String line : lines) {
                    JsonNode s = JSON.readTree(line);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(s.get("country").asText());
                    assertThat(rs.getInt(2)).isEqualTo(s.get("shots").asInt());
                    assertThat(rs.getString(3)).isEqualTo(s.get("questionId").asText());
                    assertThat(rs.getString(4)).isEqualTo(s.get("prompt").get("text").asText());
                    assertThat(doubles(rs.getArray(5))).isEqualTo(doubles(s.get("logprobs")));
                    assertThat(doubles(rs.getArray(6))).isEqualTo(doubles(s.get("modelDistribution")));
                    assertThat(doubles(rs.getArray(7))).isEqualTo(doubles(s.get("humanDistribution")));
                    assertThat(rs.getDouble(8)).isEqualTo(s.get("coverage").asDouble());
                    assertThat(rs.getDouble(9)).isEqualTo(s.get("metrics").get("similarity").asDouble());
                    assertThat(rs.getDouble(10)).isEqualTo(s.get("metrics").get("js_distance").asDouble());
                    assertThat(rs.getDouble(11)).isEqualTo(s.get("baselines").get("global").get("similarity")
                            .asDouble());
                    assertThat(rs.getBoolean(12)).isFalse();
                }
                assertThat(rs.next()).isFalse();
            }
            List<CSVRecord> cells;
            try (var reader = Files.newBufferedReader(out.resolve("cells.csv"))) {
                cells = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)
                        .getRecords();
            }
            try (ResultSet rs = st.executeQuery("SELECT model, country, shots, metric, n, mean, sd, ci_lower, "
                    + "ci_upper, uniform FROM '" + out.resolve("cells.parquet") + "'")) {
                for (CSVRecord cell : cells) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(cell.get("model"));
                    assertThat(rs.getString(2)).isEqualTo(cell.get("country"));
                    assertThat(rs.getInt(3)).isEqualTo(Integer.parseInt(cell.get("shots")));
                    assertThat(rs.getString(4)).isEqualTo(cell.get("metric"));
                    assertThat(rs.getLong(5)).isEqualTo(Long.parseLong(cell.get("n")));
                    assertThat(rs.getDouble(6)).isEqualTo(Double.parseDouble(cell.get("mean")));
                    assertThat(rs.getDouble(7)).isEqualTo(Double.parseDouble(cell.get("sd")));
                    assertThat(rs.getDouble(8)).isEqualTo(Double.parseDouble(cell.get("ci_lower")));
                    assertThat(rs.getDouble(9)).isEqualTo(Double.parseDouble(cell.get("ci_upper")));
                    assertThat(rs.getObject(10) == null ? "" : Double.toString(rs.getDouble(10)))
                            .isEqualTo(cell.get("uniform"));
                }
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
