package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.culturalign.llamacpp.gguf.DesignedLogits;
import org.culturalign.llamacpp.gguf.TinyModelConfig;
import org.culturalign.llamacpp.gguf.TinyModelGenerator;
import org.culturalign.llamacpp.gguf.TinyVocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code culturalign score} on the real engine: JSON out, bad model files exit 2 with one line. */
class ScoreCommandTest {
    @TempDir
    static Path dir;
    static Path designed;

    @BeforeAll
    static void writeModel() throws Exception {
        Map<String, Double> logits = new LinkedHashMap<>();
        logits.put(" Yes", 2.0);
        logits.put(" No", 1.0);
        designed = dir.resolve("yes-no.gguf");
        TinyModelGenerator.designed(designed, DesignedLogits.constant(logits), TinyModelConfig.small("yes-no"));
    }

    @Test
    void printsEachContinuationsLogprobTokenCountAndTheModelIdentity() throws Exception {
        CliRun r = CliRun.of("score", "--model", "llamacpp:" + designed,
                "--context", "Question: Is family important?\\nAnswer:",
                "--continuation", " Yes", "--continuation", " No", "--model-args", "n_threads=1,n_ctx=256");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        int v = TinyVocabulary.standard().size();
        double z = Math.log(Math.exp(2) + Math.exp(1) + v - 2);
        assertThat(json.get("continuations").get(0).get("text").asText()).isEqualTo(" Yes");
        assertThat(json.get("continuations").get(0).get("logprob").asDouble()).isCloseTo(2 - z, within(1e-4));
        assertThat(json.get("continuations").get(1).get("logprob").asDouble()).isCloseTo(1 - z, within(1e-4));
        assertThat(json.get("continuations").get(1).get("tokens").asInt()).isEqualTo(1);
        assertThat(json.get("model").get("backend").asText()).isEqualTo("llamacpp");
        assertThat(json.get("model").get("name").asText()).isEqualTo("yes-no");
        assertThat(json.get("model").get("digest").asText()).startsWith("sha256:");
        // single-token options: only the context is decoded (BOS + its tokens)
        assertThat(json.get("tokens_decoded").asLong()).isBetween(5L, 40L);
    }

    @Test
    void aMissingModelFileExitsTwoWithOneLine() {
        CliRun r = CliRun.of("score", "--model", "llamacpp:" + dir.resolve("missing.gguf"), "--context", "Answer:",
                "--continuation", " A");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("culturalign: " + dir.resolve("missing.gguf")
                + ": no such GGUF model file");
    }

    @Test
    void aTruncatedModelFileExitsTwoAndTheNextScoreStillWorks() throws Exception {
        byte[] b = Files.readAllBytes(designed);
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(b, b.length / 3));
        CliRun r = CliRun.of("score", "--model", "llamacpp:" + cut, "--context", "Answer:", "--continuation", " A");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("culturalign: " + cut + ": llama.cpp could not load this GGUF model file");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        CliRun ok = CliRun.of("score", "--model", "llamacpp:" + designed, "--context", "Answer:",
                "--continuation", " No",
                "--model-args", "n_threads=1,n_ctx=128");
        assertThat(ok.code()).isZero();
    }

    @Test
    void anUnknownModelArgExitsTwo() {
        CliRun r = CliRun.of("score", "--model", "llamacpp:" + designed, "--context", "Answer:", "--continuation", " A",
                "--model-args", "threads=2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'threads'");
    }
}
