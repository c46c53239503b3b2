package org.culturalign.icl;

import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;

/**
 * What a {@link DemonstrationSelector} is asked when there is no test <em>question</em> but free text, e.g. the last
 * user message of a chat: k demonstration questions relevant to that text, for one country and language.
 *
 * <p>Candidates are the questions with a distribution for the country and a text in the language
 * ({@link Candidates#forText}); there is no test item, so there is no item to exclude and no battery rule.
 *
 * @param data     the survey data (candidates are its questions)
 * @param text     the free text to select for (not blank); chrF++ uses it as the reference
 * @param country  the target country
 * @param language the language the demonstrations will be shown in (candidates need a text in it)
 * @param k        number of demonstrations wanted, &gt;= 0
 * @param seed     the seed; random selectors derive their stream from it and the text ({@link StableSeed})
 */
public record TextSelectionRequest(SurveyData data, String text, Country country, String language, int k,
                                   long seed) {
    /** @throws IllegalArgumentException for null parts, a blank text or a negative k */
    public TextSelectionRequest {
        if (data == null || text == null || country == null || language == null) {
            throw new IllegalArgumentException("text selection request needs data, text, country and language");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("text to select demonstrations for must not be blank");
        }
        if (k < 0) {
            throw new IllegalArgumentException("number of demonstrations must be >= 0, got " + k);
        }
    }
}
