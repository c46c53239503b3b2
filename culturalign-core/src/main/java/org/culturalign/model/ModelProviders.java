package org.culturalign.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.culturalign.InvalidInputException;

/** Finds the {@link ModelProvider} for a model spec and opens it. */
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
     * Opens {@code spec} ({@code scheme:location} or a bare scheme).
     *
     * @throws InvalidInputException for an unknown scheme (naming the known ones) or what the provider refuses
     */
    public static LanguageModel open(String spec, Map<String, String> modelArgs) {
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        String location = colon < 0 ? "" : spec.substring(colon + 1);
        List<ModelProvider> providers = available();
        for (ModelProvider p : providers) {
            if (p.scheme().equalsIgnoreCase(scheme)) {
                return p.open(location, modelArgs);
            }
        }
        throw new InvalidInputException("--model: unknown model scheme '" + scheme + "' in '" + spec
                + "'; expected one of " + providers.stream().map(ModelProvider::usage).toList());
    }
}
