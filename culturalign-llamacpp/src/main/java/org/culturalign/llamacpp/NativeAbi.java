package org.culturalign.llamacpp;

import com.sun.jna.Pointer;
import java.util.List;

/**
 * What differs between the llama.h generations culturalign binds: the by-value parameter structs, model loading,
 * context creation and the KV-cache (memory) calls. {@link LlamaCppModel} uses only these and the calls common to all
 * ({@link LlamaNative}), so one engine runs on the bundled build or on a current {@code libllama.so}.
 */
interface NativeAbi {

    /** The common calls. */
    LlamaNative api();

    /** A short name of the API generation, e.g. {@code b4916} or {@code llama.h 2026-10 (0c1e570)}. */
    String generation();

    /** The mismatches between the library's default parameters and the layouts this binding was written for. */
    List<String> layoutProblems();

    /** Installs the log sink on every logger of the library. */
    void setLog(LlamaNative.LogCallback sink);

    /** Loads a GGUF file for the CPU; NULL when llama.cpp refuses it (its reason is in the log). */
    Pointer loadModel(String path);

    /** A context with one sequence; NULL when llama.cpp refuses the sizes (its reason is in the log). */
    Pointer newContext(Pointer model, int nCtx, int nBatch, int threads);

    /** Empties the KV cache. */
    void clear(Pointer ctx);

    /** Drops the KV cache of sequence 0 from position {@code p0} on. */
    void dropFrom(Pointer ctx, int p0);

    /** The bundled build b4916 ({@code de.kherud:llama:4.2.0}). */
    final class B4916 implements NativeAbi {
        private final LlamaNativeB4916 api;

        B4916(LlamaNativeB4916 api) {
            this.api = api;
        }

        @Override
        public LlamaNative api() {
            return api;
        }

        @Override
        public String generation() {
            return NativeLibrary.KNOWN_BUILD;
        }

        @Override
        public List<String> layoutProblems() {
            return NativeLayoutCheck.b4916(api.llama_model_default_params(), api.llama_context_default_params(),
                    new LlamaNative.Batch().size());
        }

        @Override
        public void setLog(LlamaNative.LogCallback sink) {
            api.llama_log_set(sink, null);
            api.ggml_log_set(sink, null);
        }

        @Override
        public Pointer loadModel(String path) {
            LlamaNativeB4916.ModelParams mp = api.llama_model_default_params();
            mp.n_gpu_layers = 0;
            return api.llama_model_load_from_file(path, mp);
        }

        @Override
        public Pointer newContext(Pointer model, int nCtx, int nBatch, int threads) {
            LlamaNativeB4916.ContextParams cp = api.llama_context_default_params();
            cp.n_ctx = nCtx;
            cp.n_batch = nBatch;
            cp.n_ubatch = nBatch;
            cp.n_seq_max = 1;
            cp.n_threads = threads;
            cp.n_threads_batch = threads;
            cp.no_perf = 1;
            return api.llama_init_from_model(model, cp);
        }

        @Override
        public void clear(Pointer ctx) {
            api.llama_kv_self_clear(ctx);
        }

        @Override
        public void dropFrom(Pointer ctx, int p0) {
            api.llama_kv_self_seq_rm(ctx, 0, p0, -1);
        }
    }

    /**
     * The llama.h of llama.cpp commit 0c1e570 (2026-10-01), as in llama-cpp-python 0.3.36. Flash attention is turned
     * off, as llama-cpp-python's {@code Llama} and its server do by default, so the same file gives the same logits
     * through both.
     */
    final class Current implements NativeAbi {
        static final String GENERATION = "llama.h 2026-10 (0c1e570)";
        private final LlamaNativeCurrent api;

        Current(LlamaNativeCurrent api) {
            this.api = api;
        }

        @Override
        public LlamaNative api() {
            return api;
        }

        @Override
        public String generation() {
            return GENERATION;
        }

        @Override
        public List<String> layoutProblems() {
            return NativeLayoutCheck.current(api.llama_model_default_params(), api.llama_context_default_params(),
                    new LlamaNative.Batch().size());
        }

        @Override
        public void setLog(LlamaNative.LogCallback sink) {
            api.llama_log_set(sink, null); // sets ggml's logger too in this generation
        }

        @Override
        public Pointer loadModel(String path) {
            LlamaNativeCurrent.ModelParams mp = api.llama_model_default_params();
            mp.n_gpu_layers = 0;
            return api.llama_model_load_from_file(path, mp);
        }

        @Override
        public Pointer newContext(Pointer model, int nCtx, int nBatch, int threads) {
            LlamaNativeCurrent.ContextParams cp = api.llama_context_default_params();
            cp.n_ctx = nCtx;
            cp.n_batch = nBatch;
            cp.n_ubatch = nBatch;
            cp.n_seq_max = 1;
            cp.n_threads = threads;
            cp.n_threads_batch = threads;
            cp.flash_attn_type = LlamaNativeCurrent.FLASH_ATTN_DISABLED;
            cp.no_perf = 1;
            return api.llama_init_from_model(model, cp);
        }

        @Override
        public void clear(Pointer ctx) {
            api.llama_memory_clear(api.llama_get_memory(ctx), (byte) 1);
        }

        @Override
        public void dropFrom(Pointer ctx, int p0) {
            api.llama_memory_seq_rm(api.llama_get_memory(ctx), 0, p0, -1);
        }
    }
}
