package org.culturalign.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.culturalign.InvalidInputException;

/** Finds the {@link ModelProvider} for a model spec, or the entry of a short model name ({@link ModelNames}), and opens it. */
public final class ModelProviders {
    private ModelProviders() {
    }

    /** The providers on the class path, in service-loader order. */
    public static List<ModelProvider> available() {
        List<ModelProvider> providers = new ArrayList<>();
        ServiceLoader.load(ModelProvider.class).forEach(providers::add);
        return providers;
    }

    /**
     * Opens {@code spec} ({@code scheme:location}, a bare scheme, or a short model name of {@link ModelNames#bundled()}
     * resolved against {@link ModelNames#modelsDirectory()}).
     *
     * @throws InvalidInputException for an unknown scheme or name (naming the known ones) or what the provider refuses
     */
    public static LanguageModel open(String spec, Map<String, String> modelArgs) {
        return open(spec, modelArgs, available(), ModelNames.bundled(), ModelNames.modelsDirectory());
    }

    /**
     * Opens {@code spec} with the given providers and short names (tests). A scheme wins over a short name of the
     * same spelling; short names contain no ':'.
     */
    public static LanguageModel open(String spec, Map<String, String> modelArgs, List<ModelProvider> providers,
                                     ModelNames names, Path modelsDirectory) {
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        String location = colon < 0 ? "" : spec.substring(colon + 1);
        for (ModelProvider p : providers) {
            if (p.scheme().equalsIgnoreCase(scheme)) {
                return p.open(location, modelArgs);
            }
        }
        Optional<ModelName> name = colon < 0 ? names.find(spec) : Optional.empty();
        if (name.isPresent()) {
            return ModelNames.open(name.get(), modelArgs, providers, modelsDirectory);
        }
        throw new InvalidInputException("--model: unknown model " + (colon < 0 ? "name or scheme" : "scheme") + " '"
                + scheme + "' in '" + spec + "'; expected one of " + providers.stream().map(ModelProvider::usage)
                .toList() + (names.all().isEmpty() ? "" : " or a short name: " + names.usage()));
    }
}
