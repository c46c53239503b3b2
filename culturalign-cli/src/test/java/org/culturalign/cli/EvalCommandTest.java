package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code culturalign eval} end to end on the real demo model (llama.cpp engine), real SQLite, real files. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private String[] small(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("eval", "--countries", "DEU,NGA", "--languages", "en",
                "--shots", "0,2", "--selectors", "chrf", "--questions", "Q46,Q57,Q164", "--output-path",
                out.toString(), "--cache", dir.resolve("cache.db").toString(), "--progress", "quiet",
                "--model-args", "n_threads=1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void theDemoModelWritesEveryOutputFileAndSaysItsNumbersAreMeaningless() throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.withSystemOut(small(out));
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("demo model").contains("meaningless").contains("llamacpp:PATH.gguf");
        for (String f : List.of("results.json", "samples.jsonl", "cells.csv", "icl_gains.csv", "significance.csv",
                "skips.csv", "config.json", "run.db", "report.html")) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(r.out()).contains("report: " + out.resolve("report.html"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("demo model");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("schema").asText()).isEqualTo("culturalign.results/1");
        assertThat(results.get("demoModel").asBoolean()).isTrue();
        assertThat(results.get("warnings").get(0).asText()).contains("meaningless");
        assertThat(results.get("provenance").get("models").get(0).get("digest").asText()).startsWith("sha256:");
        assertThat(results.get("counts").get("probesScored").asInt()).isEqualTo(3 * 2 * 2);
        assertThat(Files.readAllLines(out.resolve("samples.jsonl"))).hasSize(12);
        assertThat(results.get("iclGains")).hasSize(2);

        CliRun again = CliRun.withSystemOut(small(out));
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode rerun = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(rerun.get("counts").get("modelRequests").asInt()).isZero();
        assertThat(rerun.get("cells")).isEqualTo(results.get("cells"));
    }

    @Test
    void aDryRunPrintsTheGridAndTokenEstimateAndWritesNothing() {
        Path out = dir.resolve("dry");
        CliRun r = CliRun.withSystemOut(small(out, "--dry-run"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cells: 4").contains("probes: 12 to score")
                .contains("model requests: 12").contains("characters / 4");
        assertThat(out).doesNotExist();
    }

    @Test
    void badConfigurationsExitTwoWithOneLineAndLeaveNoFolder() throws Exception {
        Path out = dir.resolve("bad");
        Path garbage = dir.resolve("garbage.gguf");
        Files.writeString(garbage, "not a gguf file");
        List<String[]> cases = List.of(
                small(out, "--countries", "DEU,XYZ"),
                small(out, "--selectors", "chrff"),
                small(out, "--shots", "0,500"),
                small(out, "--model", "llamacpp:" + dir.resolve("missing.gguf")),
                small(out, "--model", "llamacpp:" + garbage));
        List<String> expected = List.of("unknown country 'XYZ'", "chrff", "500 demonstrations", "missing.gguf",
                "garbage.gguf");
        for (int i = 0; i < cases.size(); i++) {
            CliRun r = CliRun.withSystemOut(cases.get(i));
            assertThat(r.code()).as(String.join(" ", cases.get(i)) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(expected.get(i));
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void aChangedConfigInAFinishedRunFolderExitsTwoAndKeepsItsResults() throws Exception {
        Path out = dir.resolve("run");
        assertThat(CliRun.withSystemOut(small(out)).code()).isZero();
        String before = Files.readString(out.resolve("results.json"));
        CliRun r = CliRun.withSystemOut(small(out, "--seed", "99"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("different configuration").contains("seed 1234 -> 99").contains("--overwrite");
        assertThat(Files.readString(out.resolve("results.json"))).isEqualTo(before);
    }
}
