package org.culturalign.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A language model backend: the batch-first contract of lm-evaluation-harness' {@code LM} (one result per request,
 * in request order). Backends declare {@link #capabilities()}; a method whose capability is not declared throws
 * {@link UnsupportedCapabilityException}, never a silent approximation. Implementations are thread-safe unless they
 * say otherwise.
 */
public interface LanguageModel extends AutoCloseable {

    /** Model identity for provenance and cache keys (GGUF sha256 and metadata, or server URL and model id). */
    ModelIdentity identity();

    /** What this backend can do. */
    Set<Capability> capabilities();

    /**
     * Log-probabilities of each request's continuations given its prompt.
     * Text prompts need {@link Capability#LOGLIKELIHOOD}, chat prompts {@link Capability#CHAT_LOGLIKELIHOOD}.
     *
     * @param requests the requests
     * @return one result per request, in order; each with one score per continuation, in order
     * @throws UnsupportedCapabilityException when the prompt kind is not supported
     * @throws ModelException                 when the backend fails (with the request context)
     */
    List<ScoringResult> loglikelihood(List<ScoringRequest> requests);

    /**
     * The {@code n} most probable next tokens after each prompt (natural-log probabilities, descending).
     *
     * @throws UnsupportedCapabilityException unless {@link Capability#NEXT_TOKEN_LOGPROBS} is declared
     */
    default List<List<TokenLogprob>> nextTokenLogprobs(List<Prompt> prompts, int n) {
        throw new UnsupportedCapabilityException(identity().backend(), Capability.NEXT_TOKEN_LOGPROBS,
                capabilities());
    }

    /**
     * Samples one text per request.
     *
     * @throws UnsupportedCapabilityException unless {@link Capability#GENERATE} is declared
     */
    default List<String> generate(List<GenerationRequest> requests) {
        throw new UnsupportedCapabilityException(identity().backend(), Capability.GENERATE, capabilities());
    }

    /**
     * Reports this backend's retries to {@code observer} from now on, replacing any observer set before
     * ({@link RetryObserver#NONE} to stop). Backends that never retry (in-process ones) ignore it; decorators pass
     * it on to the backend they wrap.
     */
    default void observeRetries(RetryObserver observer) {
    }

    /**
     * How this backend's scoring requests are written as offline batch requests and their replies read back
     * ({@code culturalign eval --export-batch / --import-batch}); empty for backends that have no batch format
     * (in-process models). Decorators return their backend's.
     */
    default Optional<BatchFormat> batchFormat() {
        return Optional.empty();
    }

    /** Releases native memory / connections. Idempotent. */
    @Override
    void close();
}
