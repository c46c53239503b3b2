package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.culturalign.served.Loopback;
import org.culturalign.served.VllmEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --export-batch} then {@link BatchRunner} against the vLLM emulator on loopback, then
 * {@code eval --import-batch}: the imported run equals a live run against the same server exactly (samples.jsonl,
 * every CSV table, the cells of results.json); replies carrying errors become failed probes, counted and listed, and a
 * second export/import of just those finishes the run to the live one's results.
 */
class BatchRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of("samples.jsonl", "cells.csv", "icl_gains.csv",
            "significance.csv", "skips.csv");

    @TempDir
    Path dir;

    private Loopback server;

    @BeforeEach
    void start() throws Exception {
        server = new Loopback();
        VllmEmulator.serve(server, "m");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String[] eval(Path out, String modelArgs, String... extra) {
        List<String> args = new ArrayList<>(List.of("eval", "--model", "openai:" + server.url() + "/v1#m",
                "--countries", "DEU,NGA", "--languages", "en", "--shots", "0,2", "--selectors", "chrf",
                "--questions", "Q46,Q57,Q164", "--output-path", out.toString(), "--no-cache", "--progress", "quiet"));
        if (modelArgs != null) {
            args.addAll(List.of("--model-args", modelArgs));
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private void assertSameResults(Path imported, Path live) throws IOException {
        for (String f : TABLES) {
            assertThat(read(imported.resolve(f))).as(f).isEqualTo(read(live.resolve(f)));
        }
        JsonNode a = JSON.readTree(imported.resolve("results.json").toFile());
        JsonNode b = JSON.readTree(live.resolve("results.json").toFile());
        assertThat(a.get("cells")).isEqualTo(b.get("cells"));
        assertThat(a.get("iclGains")).isEqualTo(b.get("iclGains"));
        assertThat(a.get("provenance").get("models")).isEqualTo(b.get("provenance").get("models"));
    }

    @Test
    void anEchoGridExportedRunByOurRunnerAndImportedEqualsTheLiveRunExactly() throws Exception {
        Path live = dir.resolve("live");
        assertThat(CliRun.withSystemOut(eval(live, null)).code()).isZero();
        int liveCalls = server.received("/v1/completions").size();

        Path run = dir.resolve("batch");
        Path in = dir.resolve("in.jsonl");
        CliRun export = CliRun.withSystemOut(eval(run, null, "--export-batch", in.toString()));
        assertThat(export.code()).as(export.out() + export.err()).isZero();
        assertThat(export.out()).contains("wrote 12 requests for 12 pending probes");
        // exporting sends nothing for scoring: the only new requests are the model lookup's GET /v1/models
        assertThat(server.received("/v1/completions")).hasSize(liveCalls);
        List<String> lines = Files.readAllLines(in);
        assertThat(lines).hasSize(12);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("custom_id", "method", "url", "body");
        assertThat(first.get("method").asText()).isEqualTo("POST");
        assertThat(first.get("url").asText()).isEqualTo("/v1/completions");
        assertThat(first.get("custom_id").asText()).matches("[0-9a-f]{12}/c0/DEU/en/Q46/r0");
        // the bodies are exactly what the live model POSTed (live requests run concurrently: compared as sets)
        List<JsonNode> liveBodies = new ArrayList<>();
        for (Loopback.Received r : server.received("/v1/completions")) {
            liveBodies.add(JSON.readTree(r.body()));
        }
        List<JsonNode> exported = new ArrayList<>();
        for (String l : lines) {
            exported.add(JSON.readTree(l).get("body"));
        }
        assertThat(exported).containsExactlyInAnyOrderElementsOf(liveBodies);
        assertThat(first.get("body").get("echo").asBoolean()).isTrue();
        assertThat(Files.exists(run.resolve("results.json"))).isFalse();

        Path output = dir.resolve("out.jsonl");
        assertThat(BatchRunner.run(in, output, server.url(), Map.of())).isEqualTo(12);
        CliRun imported = CliRun.withSystemOut(eval(run, null, "--import-batch", output.toString()));
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).contains("12 batch replies (0 with errors)")
                .contains("12 probes scored, 0 skipped; this run scored 12 (12 model requests");
        assertSameResults(run, live);
        assertThat(read(run.resolve("failures.csv")))
                .isEqualTo("model,country,language,shots,selector,format,persona,question_id,reason\n");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
            "mode=top-logprobs;12", "mode=generate,samples=10,max_tokens=3;120"})
    void topLogprobsAndGenerateGridsRoundTripToTheLiveRunToo(String modelArgs, int requests) throws Exception {
        Path live = dir.resolve("live");
        assertThat(CliRun.withSystemOut(eval(live, modelArgs)).code()).isZero();
        Path run = dir.resolve("batch");
        Path in = dir.resolve("in.jsonl");
        assertThat(CliRun.withSystemOut(eval(run, modelArgs, "--export-batch", in.toString())).code()).isZero();
        assertThat(Files.readAllLines(in).size()).isEqualTo(requests);
        Path output = dir.resolve("out.jsonl");
        BatchRunner.run(in, output, server.url(), Map.of());
        CliRun imported = CliRun.withSystemOut(eval(run, modelArgs, "--import-batch", output.toString()));
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();
        assertSameResults(run, live);
    }

    @Test
    void oneRequestPerContinuationGivesOneLinePerContinuationAndStillEqualsTheLiveRun() throws Exception {
        Path live = dir.resolve("live");
        assertThat(CliRun.withSystemOut(eval(live, "prompts_per_request=1")).code()).isZero();
        Path run = dir.resolve("batch");
        Path in = dir.resolve("in.jsonl");
        assertThat(CliRun.withSystemOut(eval(run, "prompts_per_request=1", "--export-batch", in.toString())).code())
                .isZero();
        List<String> lines = Files.readAllLines(in);
        // Q46 has 4 options, Q57 2, Q164 10, in each of the 4 cells
        assertThat(lines.size()).isEqualTo(4 * (4 + 2 + 10));
        assertThat(JSON.readTree(lines.get(3)).get("custom_id").asText()).endsWith("/c0/DEU/en/Q46/r3");
        assertThat(JSON.readTree(lines.get(3)).get("body").get("prompt").size()).isEqualTo(1);
        Path output = dir.resolve("out.jsonl");
        BatchRunner.run(in, output, server.url(), Map.of());
        assertThat(CliRun.withSystemOut(eval(run, "prompts_per_request=1", "--import-batch", output.toString()))
                .code()).isZero();
        assertSameResults(run, live);
    }

    @Test
    void errorLinesAndAnUnusableReplyAreFailedProbesAndASecondBatchFinishesTheRun() throws Exception {
        Path live = dir.resolve("live");
        assertThat(CliRun.withSystemOut(eval(live, null)).code()).isZero();
        Path run = dir.resolve("batch");
        Path in = dir.resolve("in.jsonl");
        assertThat(CliRun.withSystemOut(eval(run, null, "--export-batch", in.toString())).code()).isZero();
        String prefix = JSON.readTree(Files.readAllLines(in).get(0)).get("custom_id").asText().substring(0, 12);
        Map<String, Function<ObjectNode, ObjectNode>> faults = Map.of(
                // vLLM run_batch: a 400 with the error as a string and no body
                prefix + "/c0/DEU/en/Q57/r0", o -> {
                    ((ObjectNode) o.get("response")).put("status_code", 400).putNull("body");
                    return o.put("error", "maximum context length is 8 tokens");
                },
                // OpenAI: no response, an error object
                prefix + "/c2/NGA/en/Q46/r0", o -> {
                    o.putNull("response");
                    o.putObject("error").put("code", "batch_expired").put("message", "This request could not be "
                            + "executed before the completion window expired.");
                    return o;
                },
                // a 200 whose choice has no logprobs (a server that drops them)
                prefix + "/c3/NGA/en/Q164/r0", o -> {
                    ObjectNode body = (ObjectNode) o.get("response").get("body");
                    body.withArray("choices").forEach(c -> ((ObjectNode) c).remove("logprobs"));
                    return o;
                });
        Path output = dir.resolve("out.jsonl");
        BatchRunner.run(in, output, server.url(), faults);
        CliRun imported = CliRun.withSystemOut(eval(run, null, "--import-batch", output.toString()));
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).contains("12 batch replies (2 with errors)")
                .contains("9 probes scored, 0 skipped").contains("failed: 3 probes, not scored");
        JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
        assertThat(results.get("counts").get("probesFailed").asLong()).isEqualTo(3);
        assertThat(results.get("counts").get("probesScored").asLong()).isEqualTo(9);
        List<String> failures = Files.readAllLines(run.resolve("failures.csv"));
        assertThat(failures).hasSize(4);
        assertThat(failures.get(1)).isEqualTo("openai:" + server.url() + "/v1#m,DEU,en,0,none,full,false,Q57,"
                + "batch reply " + prefix + "/c0/DEU/en/Q57/r0: HTTP 400: maximum context length is 8 tokens");
        assertThat(failures.get(2)).isEqualTo("openai:" + server.url() + "/v1#m,NGA,en,0,none,full,false,Q46,"
                + "batch reply " + prefix + "/c2/NGA/en/Q46/r0: batch_expired: This request could not be executed "
                + "before the completion window expired.");
        assertThat(failures.get(3)).startsWith("openai:" + server.url() + "/v1#m,NGA,en,2,chrf,full,false,Q164,"
                + "\"batch reply " + prefix + "/c3/NGA/en/Q164/r0: ").contains("logprobs");
        // the scored probes are the live run's, line for line
        List<String> liveSamples = Files.readAllLines(live.resolve("samples.jsonl"));
        List<String> samples = Files.readAllLines(run.resolve("samples.jsonl"));
        assertThat(liveSamples).containsAll(samples);

        // the failed probes are pending: a second export holds exactly their requests
        Path in2 = dir.resolve("in2.jsonl");
        CliRun export2 = CliRun.withSystemOut(eval(run, null, "--export-batch", in2.toString()));
        assertThat(export2.out()).contains("wrote 3 requests for 3 pending probes");
        assertThat(Files.readAllLines(in2).stream().map(l -> {
            try {
                return JSON.readTree(l).get("custom_id").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList()).containsExactlyElementsOf(faults.keySet().stream().sorted().toList());
        Path output2 = dir.resolve("out2.jsonl");
        BatchRunner.run(in2, output2, server.url(), Map.of());
        CliRun imported2 = CliRun.withSystemOut(eval(run, null, "--import-batch", output2.toString()));
        assertThat(imported2.code()).isZero();
        assertSameResults(run, live);
        assertThat(Files.readAllLines(run.resolve("failures.csv"))).hasSize(1);
    }

    @Test
    void aLineThatIsNotABatchOutputOrOfAnotherRunIsRefusedWithFileAndLineAndNothingIsWritten() throws Exception {
        Path run = dir.resolve("batch");
        Path in = dir.resolve("in.jsonl");
        assertThat(CliRun.withSystemOut(eval(run, null, "--export-batch", in.toString())).code()).isZero();
        Path output = dir.resolve("out.jsonl");
        BatchRunner.run(in, output, server.url(), Map.of());
        List<String> good = Files.readAllLines(output);

        Path bad = dir.resolve("bad.jsonl");
        List<String> lines = new ArrayList<>(good);
        lines.set(4, good.get(4).substring(0, 30));
        Files.write(bad, lines);
        CliRun r = CliRun.withSystemOut(eval(run, null, "--import-batch", bad.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--import-batch " + bad + ":5: not JSON");
        assertThat(Files.exists(run.resolve("results.json"))).isFalse();

        lines = new ArrayList<>(good);
        lines.set(2, good.get(2).replaceFirst("\"custom_id\":\"[0-9a-f]{12}/", "\"custom_id\":\"0123456789ab/"));
        Files.write(bad, lines);
        r = CliRun.withSystemOut(eval(run, null, "--import-batch", bad.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":3: custom_id \"0123456789ab/").contains("belongs to another run");

        lines = new ArrayList<>(good);
        lines.add(good.get(0));
        Files.write(bad, lines);
        r = CliRun.withSystemOut(eval(run, null, "--import-batch", bad.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":13: custom_id").contains("appears twice in the file (first at line 1)");
        assertThat(Files.exists(run.resolve("results.json"))).isFalse();
        assertThat(Files.exists(run.resolve("samples.jsonl"))).isFalse();
    }

    @Test
    void theDemoModelHasNoBatchFormatAndIsRefusedBeforeAnythingIsWritten() {
        Path run = dir.resolve("demo");
        CliRun r = CliRun.withSystemOut("eval", "--limit", "2", "--output-path", run.toString(), "--no-cache",
                "--export-batch", dir.resolve("x.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--export-batch: model demo (").contains("has no batch request format");
        assertThat(Files.exists(run)).isFalse();
        assertThat(Files.exists(dir.resolve("x.jsonl"))).isFalse();
    }
}
