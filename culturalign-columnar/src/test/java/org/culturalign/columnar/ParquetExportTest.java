package org.culturalign.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** samples.jsonl and cells.csv of a hand-written run folder, converted and read back with DuckDB value by value. */
class ParquetExportTest {
    private static final String TEXT_PROBE = "{\"schema\":\"culturalign.samples/1\",\"model\":\"demo\",\"country\":"
            + "\"USA\",\"language\":\"en\",\"questionId\":\"Q46\",\"category\":\"Happiness and Wellbeing\",\"shots\":2,"
            + "\"selector\":\"chrf\",\"format\":\"full\",\"persona\":false,\"template\":\"completion\",\"target\":"
            + "\"labels\",\"lengthNormalisation\":\"none\",\"demonstrations\":[{\"questionId\":\"Q49\",\"answerCode\":8,"
            + "\"answer\":\"H\"},{\"questionId\":\"Q150\",\"answerCode\":2,\"answer\":\"B\"}],\"demonstrationNote\":\"\","
            + "\"prompt\":{\"type\":\"text\",\"text\":\"Question: it's \\\"quoted\\\"\\nAnswer:\"},\"continuations\":"
            + "[\" A\",\" B\"],\"logprobs\":[-8.98706310994895,-1.0E-300],\"exact\":true,\"scoringMode\":\"logits\","
            + "\"targetCodes\":[1,2],\"modelDistribution\":[0.16051697476856083,0.8394830252314392],\"coverage\":"
            + "7.788379711045572E-4,\"humanDistribution\":[0.2558,0.7442],\"humanRespondents\":1200,\"metrics\":"
            + "{\"js_distance\":0.8271440219332881,\"similarity\":0.17285597806671193,\"majority_match\":0.0,"
            + "\"coverage\":7.788379711045572E-4},\"baselines\":{\"uniform\":{\"similarity\":0.3924267083041152},"
            + "\"random_option\":{\"similarity\":0.2299978831738088},\"global\":{\"similarity\":0.9733437332456882}},"
            + "\"cached\":true}";
    private static final String CHAT_PROBE = "{\"schema\":\"culturalign.samples/1\",\"model\":\"openai:http://h/v1#m\","
            + "\"country\":\"DEU\",\"language\":\"de\",\"questionId\":\"Q57\",\"category\":\"Social Capital\","
            + "\"shots\":0,\"selector\":\"none\",\"format\":\"binary\",\"persona\":true,\"template\":\"chat_one_turn\","
            + "\"target\":\"texts-norm\",\"lengthNormalisation\":\"chars\",\"demonstrations\":[],\"demonstrationNote\":"
            + "\"too few in the category\",\"prompt\":{\"type\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Frage?\"}],\"assistantPrefix\":\"Antwort:\"},\"continuations\":[\" ja\",\" nein\"],\"logprobs\":"
            + "[-0.5,-2.25],\"normalisedLogprobs\":[-0.16666666666666666,-0.45],\"exact\":false,\"scoringMode\":"
            + "\"top-logprobs/chat-instructed\",\"targetCodes\":[1,2],\"modelDistribution\":[0.5686,0.4314],"
            + "\"coverage\":0.9,\"humanDistribution\":[0.4,0.6],\"humanRespondents\":null,\"metrics\":{\"pole_match\":"
            + "1.0,\"pole_agreement\":0.83,\"coverage\":0.9},\"baselines\":{\"uniform\":{\"pole_match\":0.5}},"
            + "\"cached\":false}";

    @TempDir
    Path dir;

    private static List<Object> list(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(o);
        }
        return out;
    }

    @Test
    void samplesAndCellsComeBackFromParquetValueForValueInGridOrder() throws Exception {
        Files.writeString(dir.resolve("samples.jsonl"), TEXT_PROBE + "\n" + CHAT_PROBE + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cells.csv"), "model,country,language,shots,selector,format,persona,metric,n,"
                + "mean,sd,ci_lower,ci_upper,uniform,random_option,global,human_ceiling,fraction_of_ceiling\n"
                + "demo,USA,en,2,chrf,full,false,similarity,1,0.17285597806671193,0.0,,,0.3924267083041152,"
                + "0.2299978831738088,0.9733437332456882,0.8,0.21606997258338991\n"
                + "\"openai:http://h/v1#m,x\",DEU,de,0,none,binary,true,pole_match,2,0.75,0.3535533905932738,0.5,1.0,"
                + "0.5,,,,\n", StandardCharsets.UTF_8);
        assertThat(String.join(",", ParquetExport.CELLS_TYPES.keySet()))
                .isEqualTo(String.join(",", org.culturalign.run.ResultsWriter.CELLS_CSV_COLUMNS));

        ParquetExport.Written w = ParquetExport.write(dir);
        assertThat(w.samples()).isEqualTo(dir.resolve("samples.parquet"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + w.samples() + "')")) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(28 + 9 + 27 + 1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("schema")).isEqualTo("culturalign.samples/1");
                assertThat(rs.getString("question_id")).isEqualTo("Q46");
                assertThat(rs.getInt("shots")).isEqualTo(2);
                assertThat(rs.getBoolean("persona")).isFalse();
                assertThat(rs.getString("prompt_type")).isEqualTo("text");
                assertThat(rs.getString("prompt_text")).isEqualTo("Question: it's \"quoted\"\nAnswer:");
                assertThat(list(rs.getArray("continuations"))).containsExactly(" A", " B");
                assertThat(list(rs.getArray("logprobs"))).containsExactly(-8.98706310994895, -1.0E-300);
                assertThat(rs.getArray("normalised_logprobs")).isNull();
                assertThat(list(rs.getArray("target_codes"))).containsExactly(1, 2);
                assertThat(list(rs.getArray("model_distribution")))
                        .containsExactly(0.16051697476856083, 0.8394830252314392);
                assertThat(rs.getDouble("coverage")).isEqualTo(7.788379711045572E-4);
                assertThat(rs.getLong("human_respondents")).isEqualTo(1200);
                assertThat(rs.getDouble("js_distance")).isEqualTo(0.8271440219332881);
                assertThat(rs.getDouble("similarity")).isEqualTo(0.17285597806671193);
                assertThat(rs.getDouble("majority_match")).isEqualTo(0.0);
                assertThat(rs.getObject("wasserstein")).isNull();
                assertThat(rs.getDouble("uniform_similarity")).isEqualTo(0.3924267083041152);
                assertThat(rs.getDouble("global_similarity")).isEqualTo(0.9733437332456882);
                assertThat(rs.getObject("global_js_distance")).isNull();
                assertThat(rs.getBoolean("cached")).isTrue();

                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("model")).isEqualTo("openai:http://h/v1#m");
                assertThat(rs.getString("prompt_type")).isEqualTo("chat");
                assertThat(rs.getString("prompt_text")).isNull();
                assertThat(rs.getString("prompt_json")).isEqualTo("{\"type\":\"chat\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"Frage?\"}],\"assistantPrefix\":\"Antwort:\"}");
                assertThat(rs.getString("demonstration_note")).isEqualTo("too few in the category");
                assertThat(list(rs.getArray("normalised_logprobs"))).containsExactly(-0.16666666666666666, -0.45);
                assertThat(rs.getObject("human_respondents")).isNull();
                assertThat(rs.getDouble("pole_agreement")).isEqualTo(0.83);
                assertThat(rs.getDouble("uniform_pole_match")).isEqualTo(0.5);
                assertThat(rs.getObject("random_option_pole_match")).isNull();
                assertThat(rs.getString("scoring_mode")).isEqualTo("top-logprobs/chat-instructed");
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = st.executeQuery("SELECT d.questionId, d.answerCode, d.answer FROM (SELECT "
                    + "unnest(demonstrations) AS d FROM read_parquet('" + w.samples() + "'))")) {
                List<String> demos = new ArrayList<>();
                while (rs.next()) {
                    demos.add(rs.getString(1) + "=" + rs.getInt(2) + "/" + rs.getString(3));
                }
                assertThat(demos).containsExactly("Q49=8/H", "Q150=2/B");
            }
            try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + w.cells() + "')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("metric")).isEqualTo("similarity");
                assertThat(rs.getLong("n")).isEqualTo(1);
                assertThat(rs.getDouble("mean")).isEqualTo(0.17285597806671193);
                assertThat(rs.getObject("ci_lower")).isNull();
                assertThat(rs.getDouble("global")).isEqualTo(0.9733437332456882);
                assertThat(rs.getDouble("human_ceiling")).isEqualTo(0.8);
                assertThat(rs.getDouble("fraction_of_ceiling")).isEqualTo(0.21606997258338991);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("model")).isEqualTo("openai:http://h/v1#m,x");
                assertThat(rs.getBoolean("persona")).isTrue();
                assertThat(rs.getDouble("sd")).isEqualTo(0.3535533905932738);
                assertThat(rs.getDouble("ci_upper")).isEqualTo(1.0);
                assertThat(rs.getObject("random_option")).isNull();
                assertThat(rs.getObject("human_ceiling")).isNull();
                assertThat(rs.next()).isFalse();
            }
            Map<String, String> kv = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT file_name, decode(key), decode(value) FROM "
                    + "parquet_kv_metadata(['" + w.samples() + "', '" + w.cells() + "'])")) {
                while (rs.next()) {
                    kv.put(Path.of(rs.getString(1)).getFileName() + " " + rs.getString(2), rs.getString(3));
                }
            }
            assertThat(kv).containsEntry("samples.parquet culturalign_schema", ParquetExport.SAMPLES_SCHEMA)
                    .containsEntry("cells.parquet culturalign_schema", ParquetExport.CELLS_SCHEMA);
        }
        try (var files = Files.list(dir)) {
            // no temporary file left behind
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("cells.csv", "cells.parquet", "samples.jsonl", "samples.parquet");
        }
    }

    @Test
    void aRunWithNoScoredProbeGivesEmptyFilesWithTheFullSchema() throws Exception {
        Files.writeString(dir.resolve("samples.jsonl"), "");
        Files.writeString(dir.resolve("cells.csv"), String.join(",", org.culturalign.run.ResultsWriter.CELLS_CSV_COLUMNS)
                + "\n");
        ParquetExport.Written w = ParquetExport.write(dir);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), (SELECT count(*) FROM (DESCRIBE SELECT * FROM "
                     + "read_parquet('" + w.samples() + "'))) FROM read_parquet('" + w.samples() + "')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isEqualTo(65);
        }
    }
}
