package org.culturalign.llamacpp.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes tiny llama-architecture GGUF models (F32 tensors, {@link TinyVocabulary}) that llama.cpp loads and runs: for
 * tests, the demo model and benchmarks. No weights are downloaded; everything is generated.
 *
 * <ul>
 * <li>{@link #random}: seeded random weights; the same seed and shape give the same bytes (and sha256).</li>
 * <li>{@link #designed}: every transformer block is the identity (zero attention and feed-forward output weights),
 * each token embeds to a unit vector, and the output matrix holds the wanted logits, so the next-token logits are
 * known numbers whatever the prompt.</li>
 * </ul>
 *
 * <p>RMS norm: the final {@code output_norm} computes x / sqrt(mean(x^2) + eps). For a unit vector mean(x^2) =
 * 1/n_embd, so the designed model pre-scales {@code output_norm.weight} by sqrt(1/n_embd + eps) and the logits come out
 * as written (up to float rounding, ~1e-7).
 */
public final class TinyModelGenerator {
    private TinyModelGenerator() {
    }

    /**
     * Writes a random model.
     *
     * @param seed   weight seed (same seed and config: same bytes)
     * @param config shape and metadata
     * @throws IOException when the file cannot be written
     */
    public static void random(Path target, long seed, TinyModelConfig config) throws IOException {
        TinyVocabulary vocab = TinyVocabulary.standard();
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = config.embedding();
        int v = vocab.size();
        GgufWriter w = header(config, vocab);
        w.tensor("token_embd.weight", new long[] {n, v}, gaussian(rnd, n * v, 1.0));
        for (int l = 0; l < config.layers(); l++) {
            block(w, l, config, rnd, false);
        }
        w.tensor("output_norm.weight", new long[] {n}, filled(n, 1f));
        w.tensor("output.weight", new long[] {n, v}, gaussian(rnd, n * v, 3.0 / Math.sqrt(n)));
        w.write(target);
    }

    /**
     * Writes a designed model whose next-token logits are {@code logits} (see {@link DesignedLogits}).
     *
     * @throws IllegalArgumentException for a piece not in the vocabulary or too many {@code afterPiece} rows
     * @throws IOException              when the file cannot be written
     */
    public static void designed(Path target, DesignedLogits logits, TinyModelConfig config) throws IOException {
        TinyVocabulary vocab = TinyVocabulary.standard();
        int n = config.embedding();
        int v = vocab.size();
        if (logits.afterPiece().size() > n - 1) {
            throw new IllegalArgumentException("at most " + (n - 1) + " afterPiece rows for embedding " + n);
        }
        // slot 0: every token; slot k: the k-th afterPiece token
        int[] slotOf = new int[v];
        List<Map<String, Double>> rows = new ArrayList<>();
        rows.add(logits.base());
        for (Map.Entry<String, Map<String, Double>> e : logits.afterPiece().entrySet()) {
            rows.add(e.getValue());
            slotOf[vocab.id(e.getKey())] = rows.size() - 1;
        }
        float[] embd = new float[n * v];
        for (int t = 0; t < v; t++) {
            embd[t * n + slotOf[t]] = 1f;
        }
        float[] out = new float[n * v];
        for (int slot = 0; slot < rows.size(); slot++) {
            for (Map.Entry<String, Double> e : rows.get(slot).entrySet()) {
                out[vocab.id(e.getKey()) * n + slot] = e.getValue().floatValue();
            }
        }
        GgufWriter w = header(config, vocab);
        w.tensor("token_embd.weight", new long[] {n, v}, embd);
        for (int l = 0; l < config.layers(); l++) {
            block(w, l, config, new SplittableRandom(l), true);
        }
        w.tensor("output_norm.weight", new long[] {n},
                filled(n, (float) Math.sqrt(1.0 / n + TinyModelConfig.RMS_EPS)));
        w.tensor("output.weight", new long[] {n, v}, out);
        w.write(target);
    }

    private static GgufWriter header(TinyModelConfig c, TinyVocabulary vocab) {
        GgufWriter w = new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", c.name())
                .uint32("general.file_type", 0)
                .uint32("llama.context_length", c.contextLength())
                .uint32("llama.embedding_length", c.embedding())
                .uint32("llama.block_count", c.layers())
                .uint32("llama.feed_forward_length", c.feedForward())
                .uint32("llama.attention.head_count", c.heads())
                .uint32("llama.attention.head_count_kv", c.heads())
                .uint32("llama.rope.dimension_count", c.embedding() / c.heads())
                .float32("llama.attention.layer_norm_rms_epsilon", TinyModelConfig.RMS_EPS)
                .string("tokenizer.ggml.model", "llama")
                .strings("tokenizer.ggml.tokens", vocab.pieces())
                .floats("tokenizer.ggml.scores", vocab.scores())
                .ints("tokenizer.ggml.token_type", vocab.types())
                .uint32("tokenizer.ggml.unknown_token_id", TinyVocabulary.UNK)
                .uint32("tokenizer.ggml.bos_token_id", TinyVocabulary.BOS)
                .uint32("tokenizer.ggml.eos_token_id", TinyVocabulary.EOS)
                .bool("tokenizer.ggml.add_bos_token", true)
                .bool("tokenizer.ggml.add_eos_token", false);
        if (c.chatTemplate() != null) {
            w.string("tokenizer.chat_template", c.chatTemplate());
        }
        return w;
    }

    private static void block(GgufWriter w, int l, TinyModelConfig c, SplittableRandom rnd, boolean identity) {
        int n = c.embedding();
        int ff = c.feedForward();
        double s = 1.0 / Math.sqrt(n);
        String p = "blk." + l + ".";
        w.tensor(p + "attn_norm.weight", new long[] {n}, filled(n, 1f));
        w.tensor(p + "attn_q.weight", new long[] {n, n}, identity ? new float[n * n] : gaussian(rnd, n * n, s));
        w.tensor(p + "attn_k.weight", new long[] {n, n}, identity ? new float[n * n] : gaussian(rnd, n * n, s));
        w.tensor(p + "attn_v.weight", new long[] {n, n}, identity ? new float[n * n] : gaussian(rnd, n * n, s));
        w.tensor(p + "attn_output.weight", new long[] {n, n}, identity ? new float[n * n] : gaussian(rnd, n * n, s));
        w.tensor(p + "ffn_norm.weight", new long[] {n}, filled(n, 1f));
        w.tensor(p + "ffn_gate.weight", new long[] {n, ff}, identity ? new float[n * ff] : gaussian(rnd, n * ff, s));
        w.tensor(p + "ffn_up.weight", new long[] {n, ff}, identity ? new float[n * ff] : gaussian(rnd, n * ff, s));
        w.tensor(p + "ffn_down.weight", new long[] {ff, n},
                identity ? new float[n * ff] : gaussian(rnd, n * ff, 1.0 / Math.sqrt(ff)));
    }

    private static float[] gaussian(SplittableRandom rnd, int count, double sd) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            // Box-Muller with StrictMath: bit-identical on every JVM and CPU, so a seed always gives the same file
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            a[i] = (float) (sd * StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2));
        }
        return a;
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
