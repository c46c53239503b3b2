package org.culturalign.model;

import java.util.List;

/**
 * The answer to one {@link ScoringRequest}.
 *
 * @param scores one score per requested continuation, in request order
 * @param mode   how the backend obtained them, recorded with results (e.g. "logits", "echo-logprobs",
 *               "top-logprobs")
 */
public record ScoringResult(List<ContinuationScore> scores, String mode) {
    /** Defensive copy. */
    public ScoringResult {
        scores = List.copyOf(scores);
    }
}
