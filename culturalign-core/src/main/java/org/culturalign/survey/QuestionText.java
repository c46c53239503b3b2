package org.culturalign.survey;

import java.util.List;

/**
 * A question's wording in one language, written by the project (never copied survey wording).
 *
 * @param question     the question as asked, e.g. "How important is family in your life?"
 * @param optionLabels one label per option, aligned with {@link AnswerScale#codes()}
 * @param instruction  optional extra instruction shown with the question (e.g. "1 means never justifiable,
 *                     10 always"); empty string when none
 */
public record QuestionText(String question, List<String> optionLabels, String instruction) {

    /** @throws IllegalArgumentException for a blank question or blank labels */
    public QuestionText {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question text must not be blank");
        }
        if (optionLabels == null || optionLabels.isEmpty()) {
            throw new IllegalArgumentException("option labels are required for '" + question + "'");
        }
        optionLabels = List.copyOf(optionLabels);
        for (String label : optionLabels) {
            if (label.isBlank()) {
                throw new IllegalArgumentException("blank option label in '" + question + "'");
            }
        }
        instruction = instruction == null ? "" : instruction;
    }

    /** A text without an extra instruction. */
    public QuestionText(String question, List<String> optionLabels) {
        this(question, optionLabels, "");
    }
}
