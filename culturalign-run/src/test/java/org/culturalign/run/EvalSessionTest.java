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
                List.of("full"), List.of(false), null, List.of(), 6.0, 42, null, null, null, 1000, null);
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
        assertThat(b.outcome().scoredNow()).isZero();
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
                        + "random_option,global,human_ceiling,fraction_of_ceiling\n");
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
    void chatTemplatesOnAModelThatCannotScoreChatPromptsAreRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("never-chat");
        EvalConfig chat = new EvalConfig(List.of("counting"), Map.of(), null, List.of("DEU"), List.of("en"),
                List.of(0), List.of(), List.of("full"), List.of(false), null, List.of(), 6.0, 42, null,
                "chat_one_turn", null, 1000, null);
        assertThatThrownBy(() -> EvalSession.open(chat, options(out), "test", s -> new CountingModel()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--template chat_one_turn: model counting cannot score chat prompts (no chat template); "
                        + "for a GGUF without one name a llama.cpp built-in template with --model-args "
                        + "chat_template=NAME (e.g. gemma, chatml, llama3), or use --template completion");
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

    @Test
    void aGridWhereEveryProbeIsSkippedIsRefusedUpFrontNamingTheReasons() {
        EvalConfig allNominal = new EvalConfig(List.of("counting"), Map.of(), null, List.of("DEU", "NGA"),
                List.of("en"), List.of(0), List.of(), List.of("binary"), List.of(false), null, List.of("Q154"), null,
                42, null, null, null, 1000, null);
        Path out = dir.resolve("empty");
        assertThatThrownBy(() -> EvalSession.open(allNominal, options(out), "test", s -> new CountingModel()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nothing to score: all 2 probes of the grid are skipped (probe does not apply: has a "
                        + "nominal scale: no binary form: 2); choose other countries, languages, questions or formats");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputPathThatCannotBeCreatedIsOneLineBeforeAnythingIsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "a file, not a folder");
        Path out = file.resolve("run");
        EvalConfig config = small(List.of("DEU"), List.of(0), List.of());
        assertThatThrownBy(() -> EvalSession.open(config, options(out), "test", s -> new CountingModel()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--output-path " + out + ": cannot create the run folder: " + file
                        + " is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("a file, not a folder");
        assertThat(dir.resolve("cache.db")).doesNotExist();
    }

    @Test
    void theConsoleSaysWhatARunComputesAndWhatAResumeFindsDone() throws Exception {
        EvalConfig config = small(List.of("DEU"), List.of(0), List.of());
        Path out = dir.resolve("run");
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        try (EvalSession s = EvalSession.open(config, options(out), "test", spec -> new CountingModel())) {
            EvalSession.Outcome o = s.run(new PrintStream(first, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(o.scoredNow()).isEqualTo(6);
            assertThat(o.alreadyDone()).isZero();
        }
        assertThat(first.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("culturalign: running 6 probes "
                + "(6 to score, 0 skipped) in 1 cells into " + out);
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        try (EvalSession s = EvalSession.open(config, options(out), "test", spec -> new CountingModel())) {
            EvalSession.Outcome o = s.run(new PrintStream(again, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(o.scoredNow()).isZero();
            assertThat(o.alreadyDone()).isEqualTo(6);
        }
        assertThat(again.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("culturalign: " + out
                + " holds this run with all 6 probes done; nothing to compute, rewriting its outputs");
    }

    @Test
    void textsNormRecordsItsLengthNormalisationAndReadsTheAnswerFromTheNormalisedLogProbabilities() throws Exception {
        EvalConfig config = new EvalConfig(List.of("counting"), Map.of(), null, List.of("DEU"), List.of("en"),
                List.of(0), List.of(), List.of("full"), List.of(false), null, List.of("Q46"), null, 42, null, null,
                "texts-norm", 1000, null);
        Path out = dir.resolve("norm");
        run(config, options(out), new CountingModel());
        JsonNode s = new ObjectMapper().readTree(Files.readAllLines(out.resolve("samples.jsonl")).get(0));
        assertThat(s.get("target").asText()).isEqualTo("texts-norm");
        assertThat(s.get("lengthNormalisation").asText()).isEqualTo("chars");
        int n = s.get("continuations").size();
        double[] norm = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        double rawMass = 0;
        for (int i = 0; i < n; i++) {
            String c = s.get("continuations").get(i).asText();
            double l = s.get("logprobs").get(i).asDouble();
            norm[i] = l / c.stripLeading().length();
            assertThat(s.get("normalisedLogprobs").get(i).asDouble()).isCloseTo(norm[i],
                    org.assertj.core.data.Offset.offset(1e-12));
            max = Math.max(max, norm[i]);
            rawMass += Math.exp(l);
        }
        double sum = 0;
        for (double v : norm) {
            sum += Math.exp(v - max);
        }
        // Q46 is ordinal and shown in scale order: target order = continuation order
        for (int i = 0; i < n; i++) {
            assertThat(s.get("modelDistribution").get(i).asDouble()).isCloseTo(Math.exp(norm[i] - max) / sum,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(s.get("coverage").asDouble()).isCloseTo(rawMass, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theLowCoverageWarningNamesEveryCellFullyAndOnce() {
        EvalConfig config = new EvalConfig(List.of("counting"), Map.of(), null, List.of("DEU"), List.of("en"),
                List.of(0), List.of(), List.of("full", "reversed"), List.of(false, true), null, List.of("Q46"), null,
                42, null, null, null, 1000, null);
        CountingModel unlikely = new CountingModel() {
            @Override
            public List<org.culturalign.model.ScoringResult> loglikelihood(
                    List<org.culturalign.model.ScoringRequest> rs) {
                // every option at log-probability -5: coverage 4 * e^-5 = 0.027, below 0.10 in every cell
                return rs.stream().map(r -> new org.culturalign.model.ScoringResult(r.continuations().stream()
                        .map(c -> org.culturalign.model.ContinuationScore.exact(c, -5.0, 1)).toList(), "test"))
                        .toList();
            }
        };
        Outcome o = run(config, options(dir.resolve("cov")), unlikely);
        String warning = o.outcome().results().warnings().stream().filter(w -> w.startsWith("low coverage"))
                .findFirst().orElseThrow();
        assertThat(warning).endsWith(": DEU/en/0-shot/full, DEU/en/0-shot/full/persona, DEU/en/0-shot/reversed, "
                + "DEU/en/0-shot/reversed/persona");
    }
}
