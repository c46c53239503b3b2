package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.culturalign.io.VerifiedFile;
import org.culturalign.model.ModelName;
import org.culturalign.model.ModelNames;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code --model gemma-3-270m} on the command line: the bundled short name, the providers of the class path and the
 * model cache of the environment, as a user runs it. Needs the real model in the cache
 * ({@code tools/fetch-test-model.sh}); skipped without it, except under CI=true, where it fails.
 */
class ShortModelNameTest {
    private static final ModelName GEMMA = ModelNames.bundled().find("gemma-3-270m").orElseThrow();

    private static Path realModel() throws IOException {
        Path file = GEMMA.cachedFile(ModelNames.modelsDirectory());
        String problem = !Files.isRegularFile(file) ? file + " does not exist"
                : VerifiedFile.check(file, GEMMA.size(), GEMMA.sha256()).reason();
        if (!problem.isEmpty()) {
            String why = "the real model gemma-3-270m is not in the model cache (" + problem + "); run "
                    + "tools/fetch-test-model.sh to put it there";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + " (CI runs it before the tests)");
            }
            Assumptions.abort(why);
        }
        return file;
    }

    @Test
    void scoreWithTheShortNameUsesTheCachedGgufAndSaysSo() throws Exception {
        Path file = realModel();
        CliRun r = CliRun.of("score", "--model", "gemma-3-270m", "--context", "The capital of France is",
                "--continuation", " Paris", "--continuation", " Berlin", "--model-args", "n_threads=2,n_ctx=256");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/continuations/0/logprob").asDouble()).isCloseTo(-2.349, within(0.1));
        assertThat(json.at("/continuations/1/logprob").asDouble()).isCloseTo(-8.166, within(0.1));
        // the backend is reached through the short name's annotation: tokens_decoded is still reported
        assertThat(json.get("tokens_decoded").asLong()).isPositive();
        JsonNode model = json.get("model");
        assertThat(model.get("backend").asText()).isEqualTo("llamacpp");
        assertThat(model.get("name").asText()).isEqualTo("Gemma 3 270m");
        assertThat(model.get("digest").asText())
                .isEqualTo("sha256:a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818");
        assertThat(model.at("/details/short_name").asText()).isEqualTo("gemma-3-270m");
        assertThat(model.at("/details/resolved_spec").asText()).isEqualTo("llamacpp:" + file);
        assertThat(model.at("/details/path").asText()).isEqualTo(file.toString());
        assertThat(model.at("/details/chat_template").asText()).isEqualTo("none");
    }

    @Test
    void anUnknownNameExitsTwoListingTheShortNames() {
        CliRun r = CliRun.of("score", "--model", "gemma-3", "--context", "a", "--continuation", " b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("culturalign: --model: unknown model name or scheme 'gemma-3' in 'gemma-3'; "
                + "expected one of [").contains("or a short name: [gemma-3-270m  Gemma 3 270M base model "
                + "(not instruction-tuned, no chat template), GGUF Q4_K_M, 253 MB]");
    }
}
