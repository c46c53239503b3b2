package org.culturalign.model;

import java.util.List;

/**
 * A backend's scoring requests as offline batch requests, and the batch replies read back, so that a grid runs on an
 * inference cluster (OpenAI's batch endpoint, vLLM's {@code run_batch}) and is finished here ({@code docs/batch.md}).
 * {@link #requests} returns exactly the bodies the live backend sends and {@link #read} parses their replies with the
 * live backend's parser, so a result read from a batch equals the live one for the same replies.
 */
public interface BatchFormat {
    /**
     * The HTTP requests that score {@code request}, in the order {@link #read} expects their replies. Deterministic:
     * the same request gives the same bodies in every process.
     *
     * @throws UnsupportedCapabilityException when the prompt kind is not supported (as the live call would)
     */
    List<BatchRequest> requests(ScoringRequest request);

    /**
     * Reads the response bodies of {@link #requests}{@code (request)} into the result the live call returns.
     *
     * @param replies one JSON response body per request, in order
     * @throws ModelException (not retriable) when a reply is unusable (no log-probabilities, wrong number of choices,
     *                        no answer naming an option); the message says what was expected
     */
    ScoringResult read(ScoringRequest request, List<String> replies);
}
