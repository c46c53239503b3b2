package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSessionTest {
    @TempDir
    Path dir;

    static EvalConfig small(List<String> countries, List<Integer> shots, List<String> selectors) {
        return new EvalConfig(List.of("counting"), Map.of(), null, countries, List.of("en"), shots, selectors,
                List.of("full"), List.of(false), null, List.of(), 6, 42, null, null, null, 1000);
    }

    static Outcome run(EvalConfig config, RunOptions options, CountingModel model) {
        try (EvalSession s = EvalSession.open(config, options, "test", spec -> model)) {
            PrintStream out = new PrintStream(new ByteArrayOutputStream());
            EvalSession.Outcome o = s.run(out);
            return new Outcome(o, model.requests.get());
        }
    }

    record Outcome(EvalSession.Outcome outcome, int backendCalls) {
    }

    RunOptions options(Path out) {
        return new RunOptions(out, dir.resolve("cache.db"), 2, false, RunOptions.ProgressMode.QUIET);
    }

    @Test
    void aFinishedGridRerunMakesZeroBackendCallsAndWritesTheSameResults() throws Exception {
        EvalConfig config = small(List.of("DEU", "NGA"), List.of(0, 2), List.of("random"));
        Path out = dir.resolve("run");
        CountingModel first = new CountingModel();
        Outcome a = run(config, new RunOptions(out, null, 2, false, RunOptions.ProgressMode.QUIET), first);
        long scored = a.outcome().results().counts().probesScored();
        assertThat(scored).isPositive();
        assertThat(a.backendCalls()).isEqualTo((int) scored);
        String samples = Files.readString(out.resolve("samples.jsonl"));
        String cells = Files.readString(out.resolve("cells.csv"));

        CountingModel second = new CountingModel();
        Outcome b = run(config, new RunOptions(out, null, 2, false, RunOptions.ProgressMode.QUIET), second);
        assertThat(b.backendCalls()).isZero();
        assertThat(b.outcome().computedNow()).isZero();
        assertThat(Files.readString(out.resolve("samples.jsonl"))).isEqualTo(samples);
        assertThat(Files.readString(out.resolve("cells.csv"))).isEqualTo(cells);
    }

    @Test
    void everyProbeAppearsOnceInGridOrderWithItsPromptAndDistributions() throws Exception {
        EvalConfig config = small(List.of("DEU", "NGA"), List.of(0, 2), List.of("random", "category"));
        Path out = dir.resolve("run");
        run(config, options(out), new CountingModel());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(out.resolve("samples.jsonl"));
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode s = json.readTree(line);
            assertThat(s.get("schema").asText()).isEqualTo("culturalign.samples/1");
            assertThat(seen.add(s.get("model").asText() + s.get("country").asText() + s.get("shots").asInt()
                    + s.get("selector").asText() + s.get("questionId").asText())).isTrue();
            assertThat(s.get("demonstrations").size()).isEqualTo(s.get("shots").asInt());
            double sum = 0;
            for (JsonNode p : s.get("modelDistribution")) {
                sum += p.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(s.get("prompt").get("text").asText()).isNotBlank();
            assertThat(s.get("logprobs").size()).isEqualTo(s.get("continuations").size());
            assertThat(s.get("logprobs").get(0).asDouble()).isEqualTo(CountingModel.logprob(
                    s.get("prompt").get("text").asText(), s.get("continuations").get(0).asText()));
        }
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("country").asText()).isEqualTo("DEU");
        assertThat(first.get("shots").asInt()).isZero();
        assertThat(first.get("selector").asText()).isEqualTo("none");
        ResultsDocument doc = ResultsReader.read(out.resolve("results.json"));
        assertThat(doc.cells()).hasSize(2 * 3);
        assertThat(doc.iclGains()).hasSize(2 * 2);
        assertThat(doc.significance()).hasSize(2);
        assertThat(doc.counts().probesScored()).isEqualTo(lines.size());
        assertThat(doc.provenance().get("config").get("seed").asLong()).isEqualTo(42);
        assertThat(Files.readString(out.resolve("cells.csv"))).startsWith(
                "model,country,language,shots,selector,format,persona,metric,n,mean,sd,ci_lower,ci_upper,uniform,"
                        + "random_option,global\n");
    }

    @Test
    void theIclGainIsTheMeanPairedDifferenceOfSimilarityOverQuestions() throws Exception {
        EvalConfig config = small(List.of("DEU"), List.of(0, 2), List.of("random"));
        Path out = dir.resolve("run");
        run(config, options(out), new CountingModel());
        ObjectMapper json = new ObjectMapper();
        Map<String, Double> zero = new java.util.HashMap<>();
        Map<String, Double> two = new java.util.HashMap<>();
        for (String line : Files.readAllLines(out.resolve("samples.jsonl"))) {
            JsonNode s = json.readTree(line);
            (s.get("shots").asInt() == 0 ? zero : two).put(s.get("questionId").asText(),
                    s.get("metrics").get("similarity").asDouble());
        }
        double diff = 0;
        for (String q : two.keySet()) {
            diff += two.get(q) - zero.get(q);
        }
        ResultsDocument.IclGain gain = ResultsReader.read(out.resolve("results.json")).iclGains().get(0);
        assertThat(gain.n()).isEqualTo(two.size());
        assertThat(gain.estimate()).isCloseTo(diff / two.size(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(gain.ciLower()).isLessThanOrEqualTo(gain.estimate());
        assertThat(gain.ciUpper()).isGreaterThanOrEqualTo(gain.estimate());
    }

    @Test
    void badConfigurationsFailBeforeAnyFolderIsCreated() {
        Path out = dir.resolve("never");
        assertThatThrownBy(() -> EvalSession.open(small(List.of("DEU", "XYZ"), List.of(0), List.of()), options(out),
                "test", s -> new CountingModel())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown country 'XYZ'");
        assertThatThrownBy(() -> EvalSession.open(small(List.of("DEU"), List.of(0, 2), List.of("chrff")),
                options(out), "test", s -> new CountingModel())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("chrff");
        assertThatThrownBy(() -> EvalSession.open(small(List.of("DEU"), List.of(0, 5000), List.of("random")),
                options(out), "test", s -> new CountingModel())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("5000 demonstrations");
        assertThat(out).doesNotExist();
    }

    @Test
    void aChangedConfigInAnExistingRunFolderIsRefusedUnlessOverwrite() throws Exception {
        Path out = dir.resolve("run");
        run(small(List.of("DEU"), List.of(0), List.of()), options(out), new CountingModel());
        String before = Files.readString(out.resolve("results.json"));
        EvalConfig changed = small(List.of("NGA"), List.of(0), List.of());
        assertThatThrownBy(() -> EvalSession.open(changed, options(out), "test", s -> new CountingModel()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds a run with a different configuration")
                .hasMessageContaining("countries [\"DEU\"] -> [\"NGA\"]")
                .hasMessageContaining("--overwrite");
        assertThat(Files.readString(out.resolve("results.json"))).isEqualTo(before);
        run(changed, new RunOptions(out, null, 1, true, RunOptions.ProgressMode.QUIET), new CountingModel());
        assertThat(ResultsReader.read(out.resolve("results.json")).cells()).extracting(ResultsDocument.Cell::country)
                .containsOnly("NGA");
    }
}
