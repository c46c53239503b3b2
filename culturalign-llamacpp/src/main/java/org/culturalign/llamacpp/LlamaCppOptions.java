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
 * @param library     a current {@code libllama.so} (or the directory holding it) to run on instead of the bundled
 *                    build b4916, or {@code null} for the default ({@code CULTURALIGN_LLAMA_LIB}, else the bundled one)
 * @param batching    how a scoring request is split into decode calls ({@link Batching}; model arg
 *                    {@code batching=shared|whole|after-bos})
 */
public record LlamaCppOptions(int threads, int contextSize, int batchSize, boolean verbose, String chatTemplate,
                              java.nio.file.Path library, Batching batching) {
    /** The keys {@link #parse} accepts. */
    public static final java.util.List<String> KEYS = java.util.List.of("n_threads", "n_ctx", "n_batch", "verbose",
            "chat_template", "llama_lib", "batching");

    /**
     * How the tokens of a scoring request are fed to {@code llama_decode}. The choice matters beyond speed: on
     * 4-bit weights llama.cpp's logits for a position depend on how the tokens before it were split into decode
     * calls (by up to 0.15 nats on Gemma 3 270M Q4_K_M, measured within one build; docs/real-model.md), so a score
     * is reproducible only with the same batching.
     */
    public enum Batching {
        /**
         * The context is decoded once per request, each continuation's tokens after it from that KV-cache state
         * (rolled back after each). Fewest tokens decoded; the default.
         */
        SHARED,
        /**
         * Every continuation is scored from an empty cache with context+continuation decoded in one call (in n_batch
         * chunks when longer), as llama-cpp-python's {@code Llama.eval} does; for agreement with it to rounding.
         * Decodes the context again for every continuation.
         */
        WHOLE,
        /**
         * As {@link #WHOLE}, but the first token ({@code <bos>}) is decoded alone and the rest in one call: what
         * llama-cpp-python's server decodes for a request that shares only {@code <bos>} with the request before it
         * (it keeps the longest common token prefix in its cache and decodes the rest). For agreement with that
         * server; docs/real-model.md.
         */
        AFTER_BOS
    }

    /** @throws IllegalArgumentException for non-positive threads or batch size, or a negative context size */
    public LlamaCppOptions {
        if (threads < 1 || batchSize < 1 || contextSize < 0) {
            throw new IllegalArgumentException("bad llama.cpp options: n_threads " + threads + ", n_ctx " + contextSize
                    + ", n_batch " + batchSize);
        }
        batching = batching == null ? Batching.SHARED : batching;
    }

    /** Settings on the given library with shared batching. */
    public LlamaCppOptions(int threads, int contextSize, int batchSize, boolean verbose, String chatTemplate,
                           java.nio.file.Path library) {
        this(threads, contextSize, batchSize, verbose, chatTemplate, library, Batching.SHARED);
    }

    /** Settings on the default library. */
    public LlamaCppOptions(int threads, int contextSize, int batchSize, boolean verbose, String chatTemplate) {
        this(threads, contextSize, batchSize, verbose, chatTemplate, null);
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
        return new LlamaCppOptions(threads, contextSize, batchSize, verbose, name, library, batching);
    }

    /** These settings on another libllama.so ({@code null}: the default). */
    public LlamaCppOptions withLibrary(java.nio.file.Path lib) {
        return new LlamaCppOptions(threads, contextSize, batchSize, verbose, chatTemplate, lib, batching);
    }

    /** These settings with another batching. */
    public LlamaCppOptions withBatching(Batching b) {
        return new LlamaCppOptions(threads, contextSize, batchSize, verbose, chatTemplate, library, b);
    }

    /** Defaults for user models: threads = available processors (at most 8), n_ctx auto, n_batch 512. */
    public static LlamaCppOptions defaults() {
        return new LlamaCppOptions(Math.min(8, Runtime.getRuntime().availableProcessors()), 0, 512);
    }

    /**
     * Applies model args over {@code base}.
     *
     * @throws InvalidInputException for an unknown key (naming the valid ones), a value that is not a positive
     *                               integer, a {@code verbose} that is not 0, 1, true or false, or a {@code batching}
     *                               that is not shared, whole or after-bos
     */
    public static LlamaCppOptions parse(Map<String, String> modelArgs, LlamaCppOptions base) {
        int threads = base.threads();
        int ctx = base.contextSize();
        int batch = base.batchSize();
        boolean verbose = base.verbose();
        String template = base.chatTemplate();
        java.nio.file.Path library = base.library();
        Batching batching = base.batching();
        for (Map.Entry<String, String> e : new TreeMap<>(modelArgs == null ? Map.of() : modelArgs).entrySet()) {
            switch (e.getKey()) {
                case "n_threads" -> threads = positive(e.getKey(), e.getValue());
                case "n_ctx" -> ctx = positive(e.getKey(), e.getValue());
                case "n_batch" -> batch = positive(e.getKey(), e.getValue());
                case "verbose" -> verbose = flag(e.getKey(), e.getValue());
                case "chat_template" -> template = templateName(e.getValue());
                case "llama_lib" -> library = libraryPath(e.getValue());
                case "batching" -> batching = batching(e.getValue());
                default -> throw new InvalidInputException("--model-args: unknown key '" + e.getKey()
                        + "' for llamacpp; expected one of " + String.join(", ", KEYS));
            }
        }
        return new LlamaCppOptions(threads, ctx, batch, verbose, template, library, batching);
    }

    private static Batching batching(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "shared" -> Batching.SHARED;
            case "whole" -> Batching.WHOLE;
            case "after-bos" -> Batching.AFTER_BOS;
            default -> throw new InvalidInputException("--model-args: batching=" + value
                    + " is not one of shared, whole, after-bos");
        };
    }

    private static java.nio.file.Path libraryPath(String value) {
        if (value.isBlank()) {
            throw new InvalidInputException("--model-args: llama_lib= is empty; expected the path of a libllama.so or "
                    + "of the directory holding it");
        }
        return java.nio.file.Path.of(value.trim());
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
