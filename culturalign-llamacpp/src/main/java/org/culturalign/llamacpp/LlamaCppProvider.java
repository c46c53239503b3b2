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
        LlamaCppModel model = LlamaCppModel.open(Path.of(location), options);
        String warning = engineWarning(model.identity().details());
        if (warning != null) {
            System.err.println("warning: " + warning);
        }
        return model;
    }

    /**
     * The warning for a model newer than the bundled build scores well, or null: on Gemma 3 files b4916's
     * log-probabilities are up to 1 nat off a current llama.cpp's (docs/real-model.md).
     */
    static String engineWarning(Map<String, String> details) {
        String arch = details.getOrDefault("architecture", "");
        if (NativeLibrary.KNOWN_BUILD.equals(details.get("llama_cpp_build")) && arch.startsWith("gemma3")) {
            return "the bundled llama.cpp " + NativeLibrary.KNOWN_BUILD + " scores " + arch + " models up to 1 nat "
                    + "off a current llama.cpp; for exact scores pass --model-args llama_lib=DIR with a current "
                    + "libllama.so, e.g. llama-cpp-python's lib folder (docs/real-model.md)";
        }
        return null;
    }
}
