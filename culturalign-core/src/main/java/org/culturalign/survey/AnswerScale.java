package org.culturalign.survey;

import java.util.HashSet;
import java.util.List;

/**
 * The answer options of a question, as survey answer codes in presentation order (position 0 is shown first).
 * Everything that is "per option" elsewhere (labels, shares, probabilities) is aligned with {@link #codes()}.
 *
 * @param codes distinct answer codes as the survey codes them (e.g. 1..4; 0 is a valid code for some WVS items),
 *              at least two
 * @param type  ordinal or nominal
 */
public record AnswerScale(List<Integer> codes, ScaleType type) {

    /** @throws IllegalArgumentException for fewer than two codes, duplicates, negative (missing-value) codes */
    public AnswerScale {
        if (codes == null || codes.size() < 2) {
            throw new IllegalArgumentException("an answer scale needs at least two options, got " + codes);
        }
        codes = List.copyOf(codes);
        if (new HashSet<>(codes).size() != codes.size()) {
            throw new IllegalArgumentException("answer codes must be distinct, got " + codes);
        }
        for (int c : codes) {
            if (c < 0) {
                throw new IllegalArgumentException(
                        "negative codes are WVS missing-value codes, not answers; got " + codes);
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("scale type is required");
        }
    }

    /** Number of options K. */
    public int size() {
        return codes.size();
    }

    /** Position (0-based) of an answer code, or -1 when the code is not an option of this scale. */
    public int positionOf(int code) {
        return codes.indexOf(code);
    }

    /** Whether option order is meaningful. */
    public boolean isOrdinal() {
        return type == ScaleType.ORDINAL;
    }
}
