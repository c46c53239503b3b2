package org.culturalign.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

class OnnxRuntimeVersionTest {

    @Test
    void theLoadedOnnxRuntimeIsThePinnedOneThatSurvivesLongCommandLines() {
        MiniLmEmbedder.shared(); // loads the native library
        // onnxruntime 1.29.0 segfaults at start-up when the JVM command line exceeds ~4 KB; the parent POM pins
        // 1.20.0. A dependency upgrade that changes the version must be checked with bin/culturalign first.
        assertThat(OrtEnvironment.getEnvironment().getVersion()).isEqualTo("1.20.0");
    }
}
