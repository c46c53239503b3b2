package org.culturalign.llamacpp;

import java.util.Map;
import java.util.TreeMap;
import org.culturalign.InvalidInputException;

/**
 * Engine settings, from {@code --model-args n_threads=1,n_ctx=4096,n_batch=512}.
 *
 * @param threads     CPU threads for decoding (&gt;= 1)
 * @param contextSize context window in tokens (prompt + continuation must fit); 0 = the smaller of the file's
 *                    training context and 4096
 * @param batchSize   tokens per decode call (&gt;= 1; also the micro-batch size)
 */
public record LlamaCppOptions(int threads, int contextSize, int batchSize) {
    /** The keys {@link #parse} accepts. */
    public static final java.util.List<String> KEYS = java.util.List.of("n_threads", "n_ctx", "n_batch");

    /** @throws IllegalArgumentException for non-positive threads or batch size, or a negative context size */
    public LlamaCppOptions {
        if (threads < 1 || batchSize < 1 || contextSize < 0) {
            throw new IllegalArgumentException("bad llama.cpp options: n_threads " + threads + ", n_ctx " + contextSize
                    + ", n_batch " + batchSize);
        }
    }

    /** Defaults for user models: threads = available processors (at most 8), n_ctx auto, n_batch 512. */
    public static LlamaCppOptions defaults() {
        return new LlamaCppOptions(Math.min(8, Runtime.getRuntime().availableProcessors()), 0, 512);
    }

    /**
     * Applies model args over {@code base}.
     *
     * @throws InvalidInputException for an unknown key (naming the valid ones) or a value that is not a positive
     *                               integer
     */
    public static LlamaCppOptions parse(Map<String, String> modelArgs, LlamaCppOptions base) {
        int threads = base.threads();
        int ctx = base.contextSize();
        int batch = base.batchSize();
        for (Map.Entry<String, String> e : new TreeMap<>(modelArgs == null ? Map.of() : modelArgs).entrySet()) {
            int value = positive(e.getKey(), e.getValue());
            switch (e.getKey()) {
                case "n_threads" -> threads = value;
                case "n_ctx" -> ctx = value;
                case "n_batch" -> batch = value;
                default -> throw new InvalidInputException("--model-args: unknown key '" + e.getKey()
                        + "' for llamacpp; expected one of " + String.join(", ", KEYS));
            }
        }
        return new LlamaCppOptions(threads, ctx, batch);
    }

    private static int positive(String key, String value) {
        if (!KEYS.contains(key)) {
            throw new InvalidInputException("--model-args: unknown key '" + key + "' for llamacpp; expected one of "
                    + String.join(", ", KEYS));
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException("--model-args: " + key + "=" + value + " is not a positive integer");
    }
}
