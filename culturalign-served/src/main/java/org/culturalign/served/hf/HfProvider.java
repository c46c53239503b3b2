package org.culturalign.served.hf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.culturalign.model.AnnotatedModel;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelException;
import org.culturalign.model.ModelProvider;
import org.culturalign.model.ModelProviders;

/**
 * Opens {@code hf:OWNER/REPO/FILE.gguf[@REVISION][#sha256=HEX]}: downloads the GGUF file into the Hugging Face cache
 * (or reuses it, see {@link HubDownloader}), then opens it with the {@code llamacpp} provider found on the class path,
 * which gets the model args unchanged. The model's identity details add {@code hf_file} (the spec without the hash)
 * and {@code path} (the file in the Hugging Face cache).
 */
public final class HfProvider implements ModelProvider {
    private final Map<String, String> env;
    private final Supplier<List<ModelProvider>> providers;

    /** Reads the process environment (used by {@link java.util.ServiceLoader}). */
    public HfProvider() {
        this(System.getenv());
    }

    /** Reads the given environment instead of the process's (tests). */
    public HfProvider(Map<String, String> env) {
        this(env, ModelProviders::available);
    }

    /** Reads the given environment and opens the download with a llamacpp provider of {@code providers} (tests). */
    public HfProvider(Map<String, String> env, Supplier<List<ModelProvider>> providers) {
        this.env = Map.copyOf(env);
        this.providers = providers;
    }

    @Override
    public String scheme() {
        return "hf";
    }

    @Override
    public String usage() {
        return "hf:OWNER/REPO/FILE.gguf[@REVISION][#sha256=HEX]  a GGUF file from the Hugging Face hub, run with "
                + "llama.cpp";
    }

    @Override
    public LanguageModel open(String location, Map<String, String> modelArgs) {
        HfFileSpec spec = HfFileSpec.parse(location);
        Optional<ModelProvider> llama = providers.get().stream()
                .filter(p -> p.scheme().equalsIgnoreCase("llamacpp")).findFirst();
        Path file = new HubDownloader(env, System.err).fetch(spec);
        LanguageModel model = llama.orElseThrow(() -> new ModelException("hf: downloaded " + file + " but no llamacpp "
                        + "provider is on the class path to open it (it comes with the culturalign-llamacpp module)",
                        false)).open(file.toString(), modelArgs);
        return AnnotatedModel.withDetails(model, Map.of("hf_file", spec.toString(), "path", file.toString()));
    }
}
