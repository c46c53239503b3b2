package org.culturalign.llamacpp;

import java.util.ArrayList;
import java.util.List;
import org.culturalign.model.ModelException;

/**
 * Refuses a native library whose structs differ from the layouts its binding was written for ({@link LlamaNativeB4916}
 * or {@link LlamaNativeCurrent}): a mismatch would make every by-value call read garbage or crash. Checks the Java-side
 * sizes and that the library's own default parameters land on the expected fields with the expected values (the
 * values measured from each build's {@code llama_*_default_params}).
 */
final class NativeLayoutCheck {
    private NativeLayoutCheck() {
    }

    /**
     * @param library the file, named in the message
     * @throws ModelException naming every mismatch
     */
    static void verify(NativeAbi abi, java.nio.file.Path library) {
        List<String> problems = abi.layoutProblems();
        if (!problems.isEmpty()) {
            throw new ModelException("the llama.cpp native library " + library + " does not match the layouts of "
                    + abi.generation() + " this binding was written for: " + String.join("; ", problems), false);
        }
    }

    /** The mismatches between the given defaults/sizes and build b4916 (empty when they match). */
    static List<String> b4916(LlamaNativeB4916.ModelParams m, LlamaNativeB4916.ContextParams c, int batchSize) {
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

    /** The mismatches between the given defaults/sizes and the llama.h of commit 0c1e570 (empty when they match). */
    static List<String> current(LlamaNativeCurrent.ModelParams m, LlamaNativeCurrent.ContextParams c, int batchSize) {
        List<String> p = new ArrayList<>();
        expect(p, "sizeof(llama_model_params)", m.size(), 80);
        expect(p, "sizeof(llama_context_params)", c.size(), 160);
        expect(p, "sizeof(llama_batch)", batchSize, 56);
        expect(p, "llama_model_params.n_gpu_layers", m.n_gpu_layers, -1);
        expect(p, "llama_model_params.split_mode", m.split_mode, 1);
        expect(p, "llama_model_params.load_mode", m.load_mode, -1);
        expect(p, "llama_model_params.lazy_mode", m.lazy_mode, 1);
        expect(p, "llama_model_params.main_gpu", m.main_gpu, 0);
        expect(p, "llama_model_params.vocab_only", m.vocab_only, 0);
        expect(p, "llama_model_params.check_tensors", m.check_tensors, 0);
        expect(p, "llama_model_params.use_extra_bufts", m.use_extra_bufts, 1);
        expect(p, "llama_model_params.no_host", m.no_host, 0);
        expect(p, "llama_model_params.no_alloc", m.no_alloc, 0);
        expect(p, "llama_model_params.load_mtp", m.load_mtp, 0);
        expect(p, "llama_context_params.n_ctx", c.n_ctx, 512);
        expect(p, "llama_context_params.n_batch", c.n_batch, 2048);
        expect(p, "llama_context_params.n_ubatch", c.n_ubatch, 512);
        expect(p, "llama_context_params.n_seq_max", c.n_seq_max, 1);
        expect(p, "llama_context_params.n_rs_seq", c.n_rs_seq, 0);
        expect(p, "llama_context_params.n_outputs_max", c.n_outputs_max, 0);
        expect(p, "llama_context_params.n_outputs_max_per_seq", c.n_outputs_max_per_seq, 1);
        expect(p, "llama_context_params.ctx_type", c.ctx_type, 0);
        expect(p, "llama_context_params.rope_scaling_type", c.rope_scaling_type, -1);
        expect(p, "llama_context_params.pooling_type", c.pooling_type, -1);
        expect(p, "llama_context_params.attention_type", c.attention_type, -1);
        expect(p, "llama_context_params.flash_attn_type", c.flash_attn_type, -1);
        expect(p, "llama_context_params.yarn_ext_factor", c.yarn_ext_factor, -1f);
        expect(p, "llama_context_params.yarn_attn_factor", c.yarn_attn_factor, -1f);
        expect(p, "llama_context_params.yarn_beta_fast", c.yarn_beta_fast, -1f);
        expect(p, "llama_context_params.yarn_beta_slow", c.yarn_beta_slow, -1f);
        expect(p, "llama_context_params.defrag_thold", c.defrag_thold, -1f);
        expect(p, "llama_context_params.type_k", c.type_k, 1);
        expect(p, "llama_context_params.type_v", c.type_v, 1);
        expect(p, "llama_context_params.embeddings", c.embeddings, 0);
        expect(p, "llama_context_params.offload_kqv", c.offload_kqv, 1);
        expect(p, "llama_context_params.no_perf", c.no_perf, 1);
        expect(p, "llama_context_params.op_offload", c.op_offload, 1);
        expect(p, "llama_context_params.swa_full", c.swa_full, 1);
        expect(p, "llama_context_params.kv_unified", c.kv_unified, 0);
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
