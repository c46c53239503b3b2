package org.culturalign.icl;

import java.util.List;

/**
 * The demonstrations a selector chose.
 *
 * @param questionIds the chosen question ids, in the order they are shown in the prompt (first = furthest from the
 *                    test question)
 * @param fellBack    true when the selector could not apply its own criterion fully and filled up at random
 *                    (e.g. {@code category} with too few candidates in the test item's category)
 * @param note        one line saying what happened when {@code fellBack}, else empty
 */
public record Selection(List<String> questionIds, boolean fellBack, String note) {
    /** Copies the ids; a null note becomes empty. */
    public Selection {
        questionIds = List.copyOf(questionIds);
        note = note == null ? "" : note;
    }

    /** A selection without fallback. */
    public static Selection of(List<String> ids) {
        return new Selection(ids, false, "");
    }
}
