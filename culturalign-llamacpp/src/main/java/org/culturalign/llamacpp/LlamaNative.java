package org.culturalign.llamacpp;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * JNA binding of the part of the llama.h C API whose signatures are the same in every llama.cpp build culturalign
 * binds: the bundled build b4916 ({@link LlamaNativeB4916}) and the llama.h of October 2026 that llama-cpp-python
 * 0.3.36 builds ({@link LlamaNativeCurrent}). The calls that take or return the parameter structs by value, and the
 * KV-cache calls, differ between them and live in those two interfaces. Every C {@code bool} field and return value is
 * a Java {@code byte}. Package-private: only {@link LlamaCppModel} calls into native code, never with a NULL model or
 * context.
 */
interface LlamaNative extends Library {

    /** {@code ggml_log_callback}: (level, text, user data). Levels: 1 debug, 2 info, 3 warn, 4 error, 5 cont. */
    interface LogCallback extends Callback {
        void invoke(int level, Pointer text, Pointer userData);
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

    void llama_backend_init();

    void llama_model_free(Pointer model);

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

    int llama_model_meta_val_str(Pointer model, String key, byte[] buf, long bufSize);

    int llama_model_desc(Pointer model, byte[] buf, long bufSize);

    long llama_model_n_params(Pointer model);

    int llama_model_n_ctx_train(Pointer model);

    Pointer llama_model_chat_template(Pointer model, String name);

    int llama_chat_apply_template(String template, Pointer chat, long nMessages, byte addAssistant, byte[] buf,
                                  int length);
}
