package org.culturalign.llamacpp;

import java.util.Map;
import java.util.TreeMap;
import org.culturalign.InvalidInputException;

/**
 * Engine settings, from {@code --model-args n_threads=1,n_ctx=4096,n_batch=512,verbose=1}.
 *
 * @param threads     CPU threads for decoding (&gt;= 1)
 * @param contextSize context window in tokens (prompt + continuation must fit); 0 = the smaller of the file's
 *                    training context and 4096
 * @param batchSize   tokens per decode call (&gt;= 1; also the micro-batch size)
 * @param verbose     whether llama.cpp's own log lines are printed to stderr (otherwise they are kept only to explain
 *                    errors; {@code CULTURALIGN_DEBUG=1} prints them too)
 * @param chatTemplate the name of one of llama.cpp's built-in chat templates ({@code gemma}, {@code chatml},
 *                    {@code llama3}, ...) used instead of the file's {@code tokenizer.chat_template}, or {@code null}
 *                    for the file's own. Base models such as Gemma 3 270M ship without a template although their
 *                    family has one; this names it.
 */
public record LlamaCppOptions(int threads, int contextSize, int batchSize, boolean verbose, String chatTemplate) {
    /** The keys {@link #parse} accepts. */
    public static final java.util.List<String> KEYS = java.util.List.of("n_threads", "n_ctx", "n_batch", "verbose",
            "chat_template");

    /** @throws IllegalArgumentException for non-positive threads or batch size, or a negative context size */
    public LlamaCppOptions {
        if (threads < 1 || batchSize < 1 || contextSize < 0) {
            throw new IllegalArgumentException("bad llama.cpp options: n_threads " + threads + ", n_ctx " + contextSize
                    + ", n_batch " + batchSize);
        }
    }

    /** Quiet settings (native log lines not printed), the file's own chat template. */
    public LlamaCppOptions(int threads, int contextSize, int batchSize) {
        this(threads, contextSize, batchSize, false, null);
    }

    /** Settings with the file's own chat template. */
    public LlamaCppOptions(int threads, int contextSize, int batchSize, boolean verbose) {
        this(threads, contextSize, batchSize, verbose, null);
    }

    /** These settings with another chat template name ({@code null}: the file's own). */
    public LlamaCppOptions withChatTemplate(String name) {
        return new LlamaCppOptions(threads, contextSize, batchSize, verbose, name);
    }

    /** Defaults for user models: threads = available processors (at most 8), n_ctx auto, n_batch 512. */
    public static LlamaCppOptions defaults() {
        return new LlamaCppOptions(Math.min(8, Runtime.getRuntime().availableProcessors()), 0, 512);
    }

    /**
     * Applies model args over {@code base}.
     *
     * @throws InvalidInputException for an unknown key (naming the valid ones), a value that is not a positive
     *                               integer, or a {@code verbose} that is not 0, 1, true or false
     */
    public static LlamaCppOptions parse(Map<String, String> modelArgs, LlamaCppOptions base) {
        int threads = base.threads();
        int ctx = base.contextSize();
        int batch = base.batchSize();
        boolean verbose = base.verbose();
        String template = base.chatTemplate();
        for (Map.Entry<String, String> e : new TreeMap<>(modelArgs == null ? Map.of() : modelArgs).entrySet()) {
            switch (e.getKey()) {
                case "n_threads" -> threads = positive(e.getKey(), e.getValue());
                case "n_ctx" -> ctx = positive(e.getKey(), e.getValue());
                case "n_batch" -> batch = positive(e.getKey(), e.getValue());
                case "verbose" -> verbose = flag(e.getKey(), e.getValue());
                case "chat_template" -> template = templateName(e.getValue());
                default -> throw new InvalidInputException("--model-args: unknown key '" + e.getKey()
                        + "' for llamacpp; expected one of " + String.join(", ", KEYS));
            }
        }
        return new LlamaCppOptions(threads, ctx, batch, verbose, template);
    }

    private static String templateName(String value) {
        String v = value.trim();
        if (!v.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidInputException("--model-args: chat_template=" + value + " is not a template name; expected "
                    + "one of llama.cpp's built-in names such as gemma, chatml, llama3, mistral-v7, phi3");
        }
        return v;
    }

    private static int positive(String key, String value) {
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

    private static boolean flag(String key, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new InvalidInputException("--model-args: " + key + "=" + value
                    + " is not 0, 1, true or false");
        };
    }
}
