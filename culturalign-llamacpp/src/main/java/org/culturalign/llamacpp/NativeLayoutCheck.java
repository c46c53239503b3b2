package org.culturalign.llamacpp;

import java.util.ArrayList;
import java.util.List;
import org.culturalign.model.ModelException;

/**
 * Refuses a native library whose structs differ from the layouts {@link LlamaNative} was written for (llama.cpp build
 * b4916): a mismatch would make every by-value call read garbage or crash. Checks the Java-side sizes (64, 120 and 56
 * bytes) and that the library's own default parameters land on the expected fields with the expected values.
 */
final class NativeLayoutCheck {
    private NativeLayoutCheck() {
    }

    /** @throws ModelException naming every mismatch */
    static void verify(LlamaNative api) {
        List<String> problems = problems(api.llama_model_default_params(), api.llama_context_default_params(),
                new LlamaNative.Batch().size());
        if (!problems.isEmpty()) {
            throw new ModelException("the llama.cpp native library does not match the layouts of build "
                    + NativeLibrary.KNOWN_BUILD + " this binding was written for: " + String.join("; ", problems),
                    false);
        }
    }

    /** The mismatches between the given defaults/sizes and build b4916 (empty when they match). */
    static List<String> problems(LlamaNative.ModelParams m, LlamaNative.ContextParams c, int batchSize) {
        List<String> p = new ArrayList<>();
        expect(p, "sizeof(llama_model_params)", m.size(), 64);
        expect(p, "sizeof(llama_context_params)", c.size(), 120);
        expect(p, "sizeof(llama_batch)", batchSize, 56);
        expect(p, "llama_model_params.n_gpu_layers", m.n_gpu_layers, 0);
        expect(p, "llama_model_params.split_mode", m.split_mode, 1);
        expect(p, "llama_model_params.main_gpu", m.main_gpu, 0);
        expect(p, "llama_model_params.vocab_only", m.vocab_only, 0);
        expect(p, "llama_model_params.use_mmap", m.use_mmap, 1);
        expect(p, "llama_model_params.use_mlock", m.use_mlock, 0);
        expect(p, "llama_model_params.check_tensors", m.check_tensors, 0);
        expect(p, "llama_context_params.n_ctx", c.n_ctx, 512);
        expect(p, "llama_context_params.n_batch", c.n_batch, 2048);
        expect(p, "llama_context_params.n_ubatch", c.n_ubatch, 512);
        expect(p, "llama_context_params.n_seq_max", c.n_seq_max, 1);
        expect(p, "llama_context_params.rope_scaling_type", c.rope_scaling_type, -1);
        expect(p, "llama_context_params.pooling_type", c.pooling_type, -1);
        expect(p, "llama_context_params.attention_type", c.attention_type, -1);
        expect(p, "llama_context_params.yarn_ext_factor", c.yarn_ext_factor, -1f);
        expect(p, "llama_context_params.yarn_attn_factor", c.yarn_attn_factor, 1f);
        expect(p, "llama_context_params.yarn_beta_fast", c.yarn_beta_fast, 32f);
        expect(p, "llama_context_params.yarn_beta_slow", c.yarn_beta_slow, 1f);
        expect(p, "llama_context_params.type_k", c.type_k, 1);
        expect(p, "llama_context_params.type_v", c.type_v, 1);
        expect(p, "llama_context_params.logits_all", c.logits_all, 0);
        expect(p, "llama_context_params.embeddings", c.embeddings, 0);
        expect(p, "llama_context_params.offload_kqv", c.offload_kqv, 1);
        expect(p, "llama_context_params.flash_attn", c.flash_attn, 0);
        return p;
    }

    private static void expect(List<String> p, String what, double actual, double expected) {
        if (actual != expected) {
            p.add(what + " is " + fmt(actual) + ", expected " + fmt(expected));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
