package org.culturalign.icl;

/**
 * Chooses which questions serve as demonstrations for a test item. Implementations are deterministic: the result is a
 * pure function of the request (data, test question, country, language, k, seed, settings), never of global state.
 * They never return the test question itself.
 *
 * <p>Extra selectors (e.g. {@code embedding}) are found by {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.culturalign.icl.DemonstrationSelector}; it needs a public no-argument constructor and
 * is matched by {@link #name()}.
 */
public interface DemonstrationSelector {
    /** The selector's name as typed on the command line, e.g. {@code chrf} or {@code fixed:Q1,Q2}. */
    String name();

    /**
     * Chooses {@code request.k()} question ids.
     *
     * @throws org.culturalign.InvalidInputException when there are fewer candidates than k (naming both numbers) or
     *                                               the selector's own arguments are invalid
     */
    Selection select(SelectionRequest request);

    /**
     * Chooses {@code request.k()} question ids relevant to free text (e.g. a chat message) instead of a test question,
     * shown in the same order convention as {@link #select}. Selectors whose criterion needs a test item (e.g.
     * {@code category}: free text has no WVS category) do not override this and refuse.
     *
     * @throws org.culturalign.InvalidInputException when there are fewer candidates than k, or the selector cannot
     *                                               select for free text (the default)
     */
    default Selection selectForText(TextSelectionRequest request) {
        throw new org.culturalign.InvalidInputException("demonstration selector '" + name()
                + "' cannot select for free text (it needs a test question); use chrf, embedding, random or fixed");
    }
}
