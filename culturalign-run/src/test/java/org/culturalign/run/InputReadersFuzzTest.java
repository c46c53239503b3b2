package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.fuzz.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz properties of the run's input readers (seeded mutations of valid files, {@link Mutator}): the config reader
 * (YAML and JSON) and the batch output reader either read or refuse with the project's {@link InvalidInputException}
 * naming the file; no other exception escapes.
 */
class InputReadersFuzzTest {
    private static final int CASES = 2000;

    @TempDir
    Path dir;

    @Test
    void configFilesReadOrRefuseCleanly() throws IOException {
        List<String> yaml = List.of("countries: [DEU, nga]\nshots: [0, 3]\nselectors: [random, chrf]\nlimit: 10\n"
                + "seed: 99\npersona: both\nformats: full,binary\n", "models: [\"openai:http://h/v1#m\"]\n"
                + "modelArgs: {mode: top-logprobs, samples: 3}\nquestions: [Q46, Q57]\nbootstrapResamples: 2000\n");
        String json = ConfigFiles.prettyJson(EvalConfig.embeddedDefault());
        Mutator mutator = new Mutator(35_001);
        int read = 0;
        for (int i = 0; i < CASES; i++) {
            boolean isJson = i % 3 == 0;
            String input = isJson ? (i % 2 == 0 ? mutator.mutateJson(List.of(json)) : mutator.mutate(List.of(json)))
                    : mutator.mutate(yaml);
            Path f = dir.resolve(isJson ? "config.json" : "grid.yaml");
            Files.writeString(f, input, StandardCharsets.UTF_8);
            try {
                EvalConfig c = ConfigFiles.read(f);
                assertThat(ConfigFiles.canonicalJson(c)).isNotBlank();
                read++;
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).as("case %d", i).contains(f.getFileName().toString());
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " escaped with " + e + " on input:\n" + input, e);
            }
        }
        assertThat(read).isPositive();
    }

    @Test
    void batchOutputLinesReadOrRefuseCleanly() throws IOException {
        String run = "0f70c79e25e3";
        List<String> seeds = List.of(
                "{\"id\":\"batch_req_1\",\"custom_id\":\"" + run + "/c0/DEU/en/Q46/r0\",\"response\":{\"status_code\":"
                        + "200,\"request_id\":\"req_1\",\"body\":{\"choices\":[{\"index\":0,\"text\":\" A\"}]}},"
                        + "\"error\":null}",
                "{\"id\":\"vllm-1\",\"custom_id\":\"" + run + "/c1/NGA/en/Q57/r2\",\"response\":{\"status_code\":400,"
                        + "\"request_id\":\"vllm-batch-1\",\"body\":null},\"error\":\"maximum context length\"}",
                "{\"id\":\"batch_req_2\",\"custom_id\":\"" + run + "/c1/NGA/en/Q46/r0\",\"response\":null,\"error\":"
                        + "{\"code\":\"batch_expired\",\"message\":\"expired\"}}");
        Mutator mutator = new Mutator(35_002);
        Path f = dir.resolve("out.jsonl");
        int read = 0;
        for (int i = 0; i < CASES; i++) {
            String input = String.join("\n", i % 2 == 0 ? mutator.mutateJson(seeds) : mutator.mutate(seeds),
                    seeds.get(i % seeds.size())) + "\n";
            Files.writeString(f, input, StandardCharsets.UTF_8);
            try (BatchFiles.Lines lines = BatchFiles.read(f, run, 2, Set.of("Q46", "Q57"))) {
                while (lines.hasNext()) {
                    RunStore.BatchReply r = lines.next();
                    assertThat(r.ok() ? r.body() : r.error()).as("case %d", i).isNotNull().doesNotContain("\n");
                    read++;
                }
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).as("case %d", i).startsWith("--import-batch " + f + ":");
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " escaped with " + e + " on input:\n" + input, e);
            }
        }
        assertThat(read).isPositive();
    }
}
