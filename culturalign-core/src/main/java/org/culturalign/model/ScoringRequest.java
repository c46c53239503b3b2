package org.culturalign.model;

import java.util.List;

/**
 * One log-likelihood request: a prompt and the continuations to score after it (the shape of lm-evaluation-harness'
 * {@code loglikelihood}). Whitespace belongs to the continuation: after {@code "Answer:"} the continuations are
 * {@code " A"}, {@code " B"}, ...
 *
 * @param prompt        the shared context
 * @param continuations one or more non-empty continuations, scored independently given the prompt
 */
public record ScoringRequest(Prompt prompt, List<String> continuations) {
    /** @throws IllegalArgumentException for no continuations or an empty one */
    public ScoringRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("scoring request needs a prompt");
        }
        if (continuations == null || continuations.isEmpty()) {
            throw new IllegalArgumentException("scoring request needs at least one continuation");
        }
        continuations = List.copyOf(continuations);
        for (String c : continuations) {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("continuations must not be empty");
            }
        }
    }
}
