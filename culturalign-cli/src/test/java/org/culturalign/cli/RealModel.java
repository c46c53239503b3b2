package org.culturalign.cli;

import java.nio.file.Path;

/**
 * Where tools/fetch-test-model.sh leaves the real test model: {@code CULTURALIGN_TEST_MODEL}, else
 * {@code $CULTURALIGN_CACHE/models/gemma-3-270m-q4_k_m.gguf} or the same under {@code ~/.cache/culturalign}.
 */
final class RealModel {
    private RealModel() {
    }

    static Path locate() {
        String explicit = System.getenv("CULTURALIGN_TEST_MODEL");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String cache = System.getenv("CULTURALIGN_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "culturalign");
        return root.resolve("models").resolve("gemma-3-270m-q4_k_m.gguf");
    }
}
