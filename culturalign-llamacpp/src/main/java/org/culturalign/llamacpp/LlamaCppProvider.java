package org.culturalign.llamacpp;

import java.nio.file.Path;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelProvider;

/** {@code llamacpp:PATH.gguf}: a GGUF file run in process ({@link LlamaCppModel}). */
public final class LlamaCppProvider implements ModelProvider {
    @Override
    public String scheme() {
        return "llamacpp";
    }

    @Override
    public String usage() {
        return "llamacpp:PATH.gguf  in-process llama.cpp on a GGUF file (model args n_threads, n_ctx, n_batch, verbose, chat_template, llama_lib, batching)";
    }

    @Override
    public LanguageModel open(String location, Map<String, String> modelArgs) {
        if (location == null || location.isBlank()) {
            throw new InvalidInputException("--model: llamacpp needs a file, e.g. llamacpp:/models/model.gguf");
        }
        LlamaCppOptions options = LlamaCppOptions.parse(modelArgs, LlamaCppOptions.defaults());
        return LlamaCppModel.open(Path.of(location), options);
    }
}
