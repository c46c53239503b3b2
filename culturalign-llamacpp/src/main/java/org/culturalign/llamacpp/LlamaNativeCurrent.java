package org.culturalign.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The build-specific half of the llama.h binding for a current {@code libllama.so}: the llama.h of llama.cpp commit
 * 0c1e570 (2026-10-01), the one llama-cpp-python 0.3.36 vendors and builds. Struct layouts are that header's on x86_64
 * (80, 160 and 56 bytes; checked at load time by {@link NativeLayoutCheck#current}). This API generation replaced the
 * {@code llama_kv_self_*} calls by the memory calls ({@code llama_get_memory}, {@code llama_memory_clear},
 * {@code llama_memory_seq_rm}) and {@code use_mmap}/{@code use_mlock} by {@code load_mode}.
 */
interface LlamaNativeCurrent extends LlamaNative {

    /** {@code LLAMA_FLASH_ATTN_TYPE_DISABLED}: what llama-cpp-python's {@code Llama(flash_attn=False)} sets. */
    int FLASH_ATTN_DISABLED = 0;

    /** {@code struct llama_model_params} (80 bytes). */
    @Structure.FieldOrder({"devices", "tensor_buft_overrides", "n_gpu_layers", "split_mode", "load_mode", "lazy_mode",
            "main_gpu", "tensor_split", "progress_callback", "progress_callback_user_data", "kv_overrides",
            "vocab_only", "check_tensors", "use_extra_bufts", "no_host", "no_alloc", "load_mtp"})
    class ModelParams extends Structure implements Structure.ByValue {
        public Pointer devices;
        public Pointer tensor_buft_overrides;
        public int n_gpu_layers;
        public int split_mode;
        public int load_mode;
        public int lazy_mode;
        public int main_gpu;
        public Pointer tensor_split;
        public Pointer progress_callback;
        public Pointer progress_callback_user_data;
        public Pointer kv_overrides;
        public byte vocab_only;
        public byte check_tensors;
        public byte use_extra_bufts;
        public byte no_host;
        public byte no_alloc;
        public byte load_mtp;
    }

    /** {@code struct llama_context_params} (160 bytes). */
    @Structure.FieldOrder({"n_ctx", "n_batch", "n_ubatch", "n_seq_max", "n_rs_seq", "n_outputs_max",
            "n_outputs_max_per_seq", "n_threads", "n_threads_batch", "ctx_type", "rope_scaling_type", "pooling_type",
            "attention_type", "flash_attn_type", "rope_freq_base", "rope_freq_scale", "yarn_ext_factor",
            "yarn_attn_factor", "yarn_beta_fast", "yarn_beta_slow", "yarn_orig_ctx", "defrag_thold", "cb_eval",
            "cb_eval_user_data", "type_k", "type_v", "abort_callback", "abort_callback_data", "embeddings",
            "offload_kqv", "no_perf", "op_offload", "swa_full", "kv_unified", "samplers", "n_samplers", "ctx_other"})
    class ContextParams extends Structure implements Structure.ByValue {
        public int n_ctx;
        public int n_batch;
        public int n_ubatch;
        public int n_seq_max;
        public int n_rs_seq;
        public int n_outputs_max;
        public int n_outputs_max_per_seq;
        public int n_threads;
        public int n_threads_batch;
        public int ctx_type;
        public int rope_scaling_type;
        public int pooling_type;
        public int attention_type;
        public int flash_attn_type;
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
        public Pointer abort_callback;
        public Pointer abort_callback_data;
        public byte embeddings;
        public byte offload_kqv;
        public byte no_perf;
        public byte op_offload;
        public byte swa_full;
        public byte kv_unified;
        public Pointer samplers;
        public long n_samplers;
        public Pointer ctx_other;
    }

    ModelParams llama_model_default_params();

    ContextParams llama_context_default_params();

    Pointer llama_model_load_from_file(String path, ModelParams params);

    Pointer llama_init_from_model(Pointer model, ContextParams params);

    /** {@code llama_memory_t llama_get_memory(const struct llama_context *)}. */
    Pointer llama_get_memory(Pointer ctx);

    /** Clears the memory; {@code data}: also zero the buffers. */
    void llama_memory_clear(Pointer memory, byte data);

    /** Removes positions [p0, p1) of a sequence ({@code p1 < 0}: to the end); false if it cannot (recurrent models). */
    byte llama_memory_seq_rm(Pointer memory, int seqId, int p0, int p1);
}
