package org.culturalign.model;

import java.util.Map;

/**
 * Opens a backend from a model spec {@code scheme:location}, e.g. {@code llamacpp:/models/m.gguf},
 * {@code openai:http://localhost:8000/v1#Qwen/Qwen2.5-7B-Instruct}, {@code hf:owner/repo/file.gguf}, {@code demo}.
 * Implementations are found with {@link java.util.ServiceLoader} ({@code META-INF/services}), so adapter modules plug
 * in without the core knowing them.
 */
public interface ModelProvider {
    /** The scheme this provider opens, e.g. "llamacpp". */
    String scheme();

    /** One line for help texts, e.g. "llamacpp:PATH.gguf  in-process llama.cpp on a GGUF file". */
    String usage();

    /**
     * Opens the model.
     *
     * @param location  the part after {@code scheme:} (empty for a bare scheme such as {@code demo})
     * @param modelArgs backend settings from {@code --model-args k=v,...} (e.g. n_threads, n_ctx); unknown keys are
     *                  refused with {@link org.culturalign.InvalidInputException}
     * @throws org.culturalign.InvalidInputException for a bad location (missing file, malformed URL) or arguments
     * @throws ModelException                        when the backend fails to start
     */
    LanguageModel open(String location, Map<String, String> modelArgs);
}
