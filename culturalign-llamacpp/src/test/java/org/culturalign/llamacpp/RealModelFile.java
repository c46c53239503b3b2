package org.culturalign.llamacpp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real test model (Gemma 3 270M, Q4_K_M GGUF, fetched by {@code tools/fetch-test-model.sh}) is, for the
 * tests that need real weights: {@code CULTURALIGN_TEST_MODEL}, else {@code $CULTURALIGN_CACHE/models/} or
 * {@code ~/.cache/culturalign/models/}. Without it such a test is skipped saying why, except under CI
 * ({@code CI=true}), where {@code .ci/run} fetches the model first and a missing file is a failure.
 */
final class RealModelFile {
    static final String FILE_NAME = "gemma-3-270m-q4_k_m.gguf";
    static final String SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818";

    private RealModelFile() {
    }

    static Path require() {
        Path p = locate();
        if (!Files.isRegularFile(p)) {
            String why = "real model not found at " + p + ": run tools/fetch-test-model.sh (or set CULTURALIGN_TEST_MODEL)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + "; under CI the model must be fetched before the tests");
            }
            Assumptions.abort(why);
        }
        return p;
    }

    static Path locate() {
        String explicit = System.getenv("CULTURALIGN_TEST_MODEL");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String cache = System.getenv("CULTURALIGN_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "culturalign");
        return root.resolve("models").resolve(FILE_NAME);
    }
}
