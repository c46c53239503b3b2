package org.culturalign.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The build-specific half of the llama.h binding for the {@code libjllama.so} of {@code de.kherud:llama:4.2.0}
 * (llama.cpp build b4916, commit c6af2161): the parameter structs (layouts of that build on x86_64, measured, see
 * {@link NativeLayoutCheck#b4916}), the calls that pass them by value, and the KV-cache calls of that API generation.
 */
interface LlamaNativeB4916 extends LlamaNative {

    /** {@code struct llama_model_params} (64 bytes in b4916). */
    @Structure.FieldOrder({"devices", "n_gpu_layers", "split_mode", "main_gpu", "tensor_split", "progress_callback",
            "progress_callback_user_data", "kv_overrides", "vocab_only", "use_mmap", "use_mlock", "check_tensors"})
    class ModelParams extends Structure implements Structure.ByValue {
        public Pointer devices;
        public int n_gpu_layers;
        public int split_mode;
        public int main_gpu;
        public Pointer tensor_split;
        public Pointer progress_callback;
        public Pointer progress_callback_user_data;
        public Pointer kv_overrides;
        public byte vocab_only;
        public byte use_mmap;
        public byte use_mlock;
        public byte check_tensors;
    }

    /** {@code struct llama_context_params} (120 bytes in b4916). */
    @Structure.FieldOrder({"n_ctx", "n_batch", "n_ubatch", "n_seq_max", "n_threads", "n_threads_batch",
            "rope_scaling_type", "pooling_type", "attention_type", "rope_freq_base", "rope_freq_scale",
            "yarn_ext_factor", "yarn_attn_factor", "yarn_beta_fast", "yarn_beta_slow", "yarn_orig_ctx", "defrag_thold",
            "cb_eval", "cb_eval_user_data", "type_k", "type_v", "logits_all", "embeddings", "offload_kqv", "flash_attn",
            "no_perf", "abort_callback", "abort_callback_data"})
    class ContextParams extends Structure implements Structure.ByValue {
        public int n_ctx;
        public int n_batch;
        public int n_ubatch;
        public int n_seq_max;
        public int n_threads;
        public int n_threads_batch;
        public int rope_scaling_type;
        public int pooling_type;
        public int attention_type;
        public float rope_freq_base;
        public float rope_freq_scale;
        public float yarn_ext_factor;
        public float yarn_attn_factor;
        public float yarn_beta_fast;
        public float yarn_beta_slow;
        public int yarn_orig_ctx;
        public float defrag_thold;
        public Pointer cb_eval;
        public Pointer cb_eval_user_data;
        public int type_k;
        public int type_v;
        public byte logits_all;
        public byte embeddings;
        public byte offload_kqv;
        public byte flash_attn;
        public byte no_perf;
        public Pointer abort_callback;
        public Pointer abort_callback_data;
    }

    /** ggml's own logger (the GGUF reader logs through it); {@code llama_log_set} of b4916 does not set it. */
    void ggml_log_set(LogCallback callback, Pointer userData);

    ModelParams llama_model_default_params();

    ContextParams llama_context_default_params();

    Pointer llama_model_load_from_file(String path, ModelParams params);

    Pointer llama_init_from_model(Pointer model, ContextParams params);

    void llama_kv_self_clear(Pointer ctx);

    byte llama_kv_self_seq_rm(Pointer ctx, int seqId, int p0, int p1);
}
