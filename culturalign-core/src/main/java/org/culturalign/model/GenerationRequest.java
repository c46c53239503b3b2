package org.culturalign.model;

import java.util.List;

/**
 * A request to sample text.
 *
 * @param prompt      the prompt
 * @param maxTokens   upper bound on generated tokens (&gt; 0)
 * @param temperature sampling temperature (&gt;= 0; 0 = greedy)
 * @param seed        sampling seed, recorded for reproducibility
 * @param stop        stop strings (generation ends before the first one)
 */
public record GenerationRequest(Prompt prompt, int maxTokens, double temperature, long seed, List<String> stop) {
    /** @throws IllegalArgumentException for non-positive maxTokens or negative temperature */
    public GenerationRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("generation request needs a prompt");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, got " + maxTokens);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
