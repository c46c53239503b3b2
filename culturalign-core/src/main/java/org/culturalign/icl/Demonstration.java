package org.culturalign.icl;

/**
 * One self-alignment demonstration (a shot): another survey question with the answer the target country's
 * respondents gave (Choenni &amp; Shutova 2024, arXiv 2408.16482).
 *
 * @param questionId the demonstration question's id (never the test question's)
 * @param answerCode an answer code of that question's scale (not a position, not a label)
 */
public record Demonstration(String questionId, int answerCode) {
    /** @throws IllegalArgumentException for a blank id */
    public Demonstration {
        if (questionId == null || questionId.isBlank()) {
            throw new IllegalArgumentException("demonstration question id must not be blank");
        }
    }
}
