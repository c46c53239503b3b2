package org.culturalign.llamacpp;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * JNA binding of the llama.h C API exported by the {@code libjllama.so} of {@code de.kherud:llama:4.2.0} (llama.cpp
 * build b4916, commit c6af2161). Struct layouts are those of that build on x86_64 (measured, see
 * {@link NativeLayoutCheck}); every C {@code bool} field and return value is a Java {@code byte}. Package-private: only
 * {@link LlamaCppModel} calls into native code, never with a NULL model or context.
 */
interface LlamaNative extends Library {

    /** {@code ggml_log_callback}: (level, text, user data). Levels: 1 debug, 2 info, 3 warn, 4 error, 5 cont. */
    interface LogCallback extends Callback {
        void invoke(int level, Pointer text, Pointer userData);
    }

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

    /** {@code struct llama_batch} (56 bytes). */
    @Structure.FieldOrder({"n_tokens", "token", "embd", "pos", "n_seq_id", "seq_id", "logits"})
    class Batch extends Structure implements Structure.ByValue {
        public int n_tokens;
        public Pointer token;
        public Pointer embd;
        public Pointer pos;
        public Pointer n_seq_id;
        public Pointer seq_id;
        public Pointer logits;
    }

    void llama_log_set(LogCallback callback, Pointer userData);

    /** ggml's own logger (the GGUF reader logs through it); {@code llama_log_set} of b4916 does not set it. */
    void ggml_log_set(LogCallback callback, Pointer userData);

    void llama_backend_init();

    ModelParams llama_model_default_params();

    ContextParams llama_context_default_params();

    Pointer llama_model_load_from_file(String path, ModelParams params);

    void llama_model_free(Pointer model);

    Pointer llama_init_from_model(Pointer model, ContextParams params);

    void llama_free(Pointer ctx);

    int llama_n_ctx(Pointer ctx);

    Pointer llama_model_get_vocab(Pointer model);

    int llama_vocab_n_tokens(Pointer vocab);

    byte llama_vocab_is_eog(Pointer vocab, int token);

    int llama_tokenize(Pointer vocab, byte[] text, int textLen, int[] tokens, int maxTokens, byte addSpecial,
                       byte parseSpecial);

    int llama_token_to_piece(Pointer vocab, int token, byte[] buf, int length, int lstrip, byte special);

    Batch llama_batch_init(int nTokens, int embd, int nSeqMax);

    void llama_batch_free(Batch batch);

    int llama_decode(Pointer ctx, Batch batch);

    Pointer llama_get_logits_ith(Pointer ctx, int i);

    void llama_kv_self_clear(Pointer ctx);

    byte llama_kv_self_seq_rm(Pointer ctx, int seqId, int p0, int p1);

    int llama_model_meta_val_str(Pointer model, String key, byte[] buf, long bufSize);

    int llama_model_desc(Pointer model, byte[] buf, long bufSize);

    long llama_model_n_params(Pointer model);

    int llama_model_n_ctx_train(Pointer model);

    Pointer llama_model_chat_template(Pointer model, String name);

    int llama_chat_apply_template(String template, Pointer chat, long nMessages, byte addAssistant, byte[] buf,
                                  int length);
}
