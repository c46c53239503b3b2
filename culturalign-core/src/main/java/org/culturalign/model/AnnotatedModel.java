package org.culturalign.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model whose identity carries further details (e.g. how a short name was resolved); everything else is the
 * wrapped model's. Backend-specific code reaches the backend with {@link #unwrap}.
 */
public final class AnnotatedModel implements LanguageModel {
    private final LanguageModel delegate;
    private final ModelIdentity identity;

    private AnnotatedModel(LanguageModel delegate, Map<String, String> extra) {
        this.delegate = delegate;
        ModelIdentity id = delegate.identity();
        Map<String, String> details = new LinkedHashMap<>(id.details());
        details.putAll(extra);
        this.identity = new ModelIdentity(id.backend(), id.name(), id.digest(), details);
    }

    /** {@code model} with {@code extra} added to its identity's details (replacing details of the same key). */
    public static LanguageModel withDetails(LanguageModel model, Map<String, String> extra) {
        return new AnnotatedModel(model, extra);
    }

    /** The backend model under any number of annotations. */
    public static LanguageModel unwrap(LanguageModel model) {
        LanguageModel m = model;
        while (m instanceof AnnotatedModel a) {
            m = a.delegate;
        }
        return m;
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public List<ScoringResult> loglikelihood(List<ScoringRequest> requests) {
        return delegate.loglikelihood(requests);
    }

    @Override
    public List<List<TokenLogprob>> nextTokenLogprobs(List<Prompt> prompts, int n) {
        return delegate.nextTokenLogprobs(prompts, n);
    }

    @Override
    public List<String> generate(List<GenerationRequest> requests) {
        return delegate.generate(requests);
    }

    @Override
    public void observeRetries(RetryObserver observer) {
        delegate.observeRetries(observer);
    }

    @Override
    public Optional<BatchFormat> batchFormat() {
        return delegate.batchFormat();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
