package org.culturalign.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.llamacpp.gguf.GgufWriter;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Missing, corrupt, truncated and unsupported GGUF files: one clear error naming the file, and the JVM lives on. */
class BadModelFileTest {

    @AfterEach
    void theEngineStillWorks() {
        try (LlamaCppModel m = LlamaCppModel.open(TestModels.designed(), TestModels.oneThread())) {
            double lp = m.loglikelihood(List.of(new ScoringRequest(new TextPrompt("Answer:"), List.of(" A"))))
                    .get(0).scores().get(0).logprob();
            int v = org.culturalign.llamacpp.gguf.TinyVocabulary.standard().size();
            assertThat(lp).isCloseTo(3 - Math.log(Math.exp(3) + Math.exp(2) + Math.E + Math.exp(1.5) + v - 4),
                    org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    private static void refused(Path file, String why) {
        assertThatThrownBy(() -> LlamaCppModel.open(file, TestModels.oneThread()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingFileIsNamed() {
        refused(TestModels.DIR.resolve("nope.gguf"), "no such GGUF model file");
    }

    @Test
    void aDirectoryIsRefused() {
        refused(TestModels.DIR, "not a regular file");
    }

    @Test
    void anEmptyFileIsTooShort() throws IOException {
        refused(Files.write(TestModels.DIR.resolve("empty.gguf"), new byte[0]), "too short to be a GGUF");
    }

    @Test
    void aFileWithoutTheGgufMagicIsRefused() throws IOException {
        refused(Files.writeString(TestModels.DIR.resolve("text.gguf"), "this is certainly not a model file at all"),
                "does not start with the magic 'GGUF'");
    }

    @Test
    void anUnsupportedGgufVersionIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(TestModels.designed());
        b[4] = 9;
        refused(Files.write(TestModels.DIR.resolve("v9.gguf"), b), "GGUF version 9 is not supported");
    }

    @Test
    void aTruncatedFileIsRefusedByLlamaCppWithItsReason() throws IOException {
        byte[] b = Files.readAllBytes(TestModels.designed());
        refused(Files.write(TestModels.DIR.resolve("truncated.gguf"), Arrays.copyOf(b, b.length / 2)),
                "llama.cpp could not load this GGUF model file");
    }

    @Test
    void aFileCutInsideTheMetadataIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(TestModels.designed());
        refused(Files.write(TestModels.DIR.resolve("cut.gguf"), Arrays.copyOf(b, 200)),
                "llama.cpp could not load this GGUF model file");
    }

    @Test
    void anUnknownArchitectureIsRefusedNamingIt() {
        Path p = TestModels.write("alien.gguf", f -> new GgufWriter()
                .string("general.architecture", "alien").uint32("alien.context_length", 16).write(f));
        refused(p, "alien");
    }
}
