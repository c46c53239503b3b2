package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void theLmEvalSpellingModelUnderscoreArgsIsAccepted() {
        CliRun r = CliRun.of("score", "--model", "llamacpp:" + designed, "--context", "Answer:", "--continuation", " No",
                "--model_args", "n_threads=1,n_ctx=128");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"text\" : \" No\"");
    }

    /** GGUF v3 header announcing 5 key-value pairs, followed by bytes that are not one. */
    private static Path corruptGguf() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 8 + 8 + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(5);
        for (int i = 0; i < 4; i++) {
            b.putLong(1);
        }
        return Files.write(dir.resolve("corrupt.gguf"), b.array());
    }

    /** Runs the CLI in a fresh JVM, so that what native code writes to file descriptor 2 is seen too. */
    private static String[] runInChildJvm(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Culturalign.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("CULTURALIGN_DEBUG");
        pb.environment().remove("CULTURALIGN_LLAMA_LOG");
        pb.environment().putAll(env);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(p.exitValue()), err};
    }

    @Test
    void aCorruptModelFilePrintsExactlyOneLineOnStderrAndNativeLinesOnlyWithDebug() throws Exception {
        Path bad = corruptGguf();
        String[] quiet = runInChildJvm(Map.of(), "score", "--model", "llamacpp:" + bad, "--context", "a",
                "--continuation", " b", "--model-args", "n_threads=1");
        assertThat(quiet[0]).isEqualTo("2");
        assertThat(quiet[1].lines().toList()).as(quiet[1]).hasSize(1);
        assertThat(quiet[1]).startsWith("culturalign: " + bad + ": llama.cpp could not load this GGUF model file: ")
                .contains("failed to read key-value pairs");

        String[] debug = runInChildJvm(Map.of("CULTURALIGN_DEBUG", "1"), "score", "--model", "llamacpp:" + bad,
                "--context", "a", "--continuation", " b", "--model-args", "n_threads=1");
        assertThat(debug[0]).isEqualTo("2");
        assertThat(debug[1].lines().toList()).contains("gguf_init_from_file_impl: failed to read key-value pairs");
        assertThat(debug[1].lines().filter(l -> l.startsWith("culturalign: ")).count()).isEqualTo(1);

        String[] verbose = runInChildJvm(Map.of(), "score", "--model", "llamacpp:" + bad, "--context", "a",
                "--continuation", " b", "--model-args", "n_threads=1,verbose=1");
        assertThat(verbose[1].lines().toList()).contains("gguf_init_from_file_impl: failed to read key-value pairs");
    }
}
