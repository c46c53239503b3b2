package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full small eval on real weights: {@code eval --model llamacpp:<Gemma 3 270M>} over two countries, English and
 * Chinese, 0 and 5 shots (chrF++), two questions; then every sample is checked (distributions, exactness, coverage,
 * the prompt the {@code prompt} command prints) and the run's files are there.
 */
class RealModelEvalTest {
    @TempDir
    Path dir;

    @Test
    void aSmallGridOnTheRealModelScoresEveryProbeExactlyAndWritesTheReport() throws Exception {
        Path model = LlamaCppPythonServer.requireModel();
        Path out = dir.resolve("run");
        CliRun r = CliRun.withSystemOut("eval", "--model", "llamacpp:" + model, "--model-args", "n_threads=2",
                "--countries", "DEU,CHN", "--languages", "en,zh", "--shots", "0,5", "--selectors", "chrf",
                "--questions", "Q46,Q164", "--output-path", out.toString(), "--cache",
                dir.resolve("cache.db").toString(), "--progress", "quiet");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("16 probes scored, 0 skipped");
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(out.resolve("samples.jsonl"));
        assertThat(lines).hasSize(16);
        JsonNode pick = null;
        for (String line : lines) {
            JsonNode s = json.readTree(line);
            assertThat(s.get("exact").asBoolean()).isTrue();
            assertThat(s.get("scoringMode").asText()).isEqualTo("logits");
            double sum = 0;
            for (JsonNode p : s.get("modelDistribution")) {
                assertThat(p.asDouble()).isBetween(0.0, 1.0);
                sum += p.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
            double coverage = s.get("coverage").asDouble();
            double raw = 0;
            for (JsonNode lp : s.get("logprobs")) {
                raw += Math.exp(lp.asDouble());
            }
            assertThat(coverage).isCloseTo(raw, within(1e-9)).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
            assertThat(s.get("metrics").get("similarity").asDouble()).isBetween(0.0, 1.0);
            if (s.get("country").asText().equals("CHN") && s.get("language").asText().equals("zh")
                    && s.get("shots").asInt() == 5 && s.get("questionId").asText().equals("Q164")) {
                pick = s;
            }
        }
        assertThat(pick).isNotNull();
        assertThat(pick.get("demonstrations")).hasSize(5);
        // the exact prompt eval scored is the one `culturalign prompt` prints for the same probe
        CliRun p = CliRun.of("prompt", "--question", "Q164", "--country", "CHN", "--language", "zh", "--shots", "5",
                "--selector", "chrf");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains(pick.get("prompt").get("text").asText());
        JsonNode results = json.readTree(out.resolve("results.json").toFile());
        JsonNode id = results.get("provenance").get("models").get(0);
        assertThat(id.get("digest").asText()).isEqualTo(
                "sha256:a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818");
        assertThat(id.get("details").get("architecture").asText()).isEqualTo("gemma3");
        assertThat(results.get("iclGains")).hasSize(4); // one per country x language
        assertThat(out.resolve("report.html")).exists();
    }
}
