package org.culturalign.served.hf;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelException;
import org.culturalign.model.ModelProvider;
import org.culturalign.model.ModelProviders;

/**
 * Opens {@code hf:OWNER/REPO/FILE.gguf[@REVISION]}: downloads the GGUF file into the Hugging Face cache (or reuses
 * it, see {@link HubDownloader}), then opens it with the {@code llamacpp} provider found on the class path, which gets
 * the model args unchanged.
 */
public final class HfProvider implements ModelProvider {
    private final Map<String, String> env;

    /** Reads the process environment (used by {@link java.util.ServiceLoader}). */
    public HfProvider() {
        this(System.getenv());
    }

    /** Reads the given environment instead of the process's (tests). */
    public HfProvider(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String scheme() {
        return "hf";
    }

    @Override
    public String usage() {
        return "hf:OWNER/REPO/FILE.gguf[@REVISION]  a GGUF file from the Hugging Face hub, run with llama.cpp";
    }

    @Override
    public LanguageModel open(String location, Map<String, String> modelArgs) {
        HfFileSpec spec = HfFileSpec.parse(location);
        Optional<ModelProvider> llama = ModelProviders.available().stream()
                .filter(p -> p.scheme().equalsIgnoreCase("llamacpp")).findFirst();
        Path file = new HubDownloader(env, System.err).fetch(spec);
        return llama.orElseThrow(() -> new ModelException("hf: downloaded " + file + " but no llamacpp provider is on "
                        + "the class path to open it (it comes with the culturalign-llamacpp module)", false))
                .open(file.toString(), modelArgs);
    }
}
