package org.culturalign.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.culturalign.model.BatchFormat;
import org.culturalign.model.Capability;
import org.culturalign.model.GenerationRequest;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.Prompt;
import org.culturalign.model.RetryObserver;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TokenLogprob;

/**
 * Wraps any backend with the {@link ResponseCache} (lm-evaluation-harness' {@code CachingLM}): log-likelihood requests
 * already answered for this model identity are served from the cache, the others are sent to the backend in one batch
 * and stored. Generation and next-token calls pass through uncached. Counts requests sent and cache hits.
 */
public final class CachingLanguageModel implements LanguageModel {
    /** The scoring mode of log-likelihood requests in the cache key. */
    public static final String LOGLIKELIHOOD = "loglikelihood";

    private final LanguageModel delegate;
    private final ResponseCache cache;
    private final ModelIdentity identity;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    /**
     * @param delegate the backend
     * @param cache    the cache, or null for none (then every request goes to the backend; still counted)
     */
    public CachingLanguageModel(LanguageModel delegate, ResponseCache cache) {
        this.delegate = delegate;
        this.cache = cache;
        this.identity = delegate.identity();
    }

    /** A scored request and whether it came from the cache. */
    public record Scored(ScoringResult result, boolean cached) {
    }

    /** Like {@link #loglikelihood} but tells which results were cached. */
    public List<Scored> score(List<ScoringRequest> requests) {
        List<Scored> out = new ArrayList<>(requests.size());
        List<String> keys = new ArrayList<>(requests.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String key = cache == null ? null : ResponseCache.key(identity, requests.get(i), LOGLIKELIHOOD);
            keys.add(key);
            ScoringResult hit = cache == null ? null : cache.get(key).orElse(null);
            out.add(hit == null ? null : new Scored(hit, true));
            if (hit == null) {
                missing.add(i);
            } else {
                hits.incrementAndGet();
            }
        }
        if (!missing.isEmpty()) {
            List<ScoringRequest> batch = missing.stream().map(requests::get).toList();
            sent.addAndGet(batch.size());
            List<ScoringResult> results = delegate.loglikelihood(batch);
            if (results.size() != batch.size()) {
                throw new IllegalStateException(identity.backend() + " returned " + results.size() + " results for "
                        + batch.size() + " requests");
            }
            for (int j = 0; j < missing.size(); j++) {
                out.set(missing.get(j), new Scored(results.get(j), false));
            }
            if (cache != null) {
                cache.putAll(missing.stream().map(keys::get).toList(), results);
            }
        }
        return out;
    }

    @Override
    public List<ScoringResult> loglikelihood(List<ScoringRequest> requests) {
        return score(requests).stream().map(Scored::result).toList();
    }

    /** Log-likelihood requests sent to the backend so far (cache misses). */
    public long requestsSent() {
        return sent.get();
    }

    /** Requests answered from the cache so far. */
    public long cacheHits() {
        return hits.get();
    }

    /** The wrapped backend. */
    public LanguageModel delegate() {
        return delegate;
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
}
