package org.culturalign.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up check that refuses a native library whose struct layouts differ from build b4916. */
class NativeLayoutCheckTest {
    private final LlamaNativeB4916 api = (LlamaNativeB4916) NativeLibrary.get().api;

    @Test
    void theBundledLibraryMatchesTheLayoutsOfBuild4916() {
        assertThat(NativeLayoutCheck.b4916(api.llama_model_default_params(), api.llama_context_default_params(),
                new LlamaNative.Batch().size())).isEmpty();
        assertThat(NativeLibrary.get().build).isEqualTo("b4916");
    }

    @Test
    void shiftedDefaultsAndAWrongBatchSizeAreNamed() {
        LlamaNativeB4916.ContextParams c = api.llama_context_default_params();
        c.n_batch = 4096; // what a library with an extra leading field would show
        LlamaNativeB4916.ModelParams m = api.llama_model_default_params();
        m.use_mmap = 0;
        assertThat(NativeLayoutCheck.b4916(m, c, 48)).containsExactly(
                "sizeof(llama_batch) is 48, expected 56",
                "llama_model_params.use_mmap is 0, expected 1",
                "llama_context_params.n_batch is 4096, expected 2048");
    }

    @Test
    void theLibraryIsExtractedToAContentNamedDirectory() {
        assertThat(NativeLibrary.get().file.getParent().getFileName().toString())
                .isEqualTo("culturalign-llama-" + NativeLibrary.KNOWN_SHA256.substring(0, 16));
    }
}
