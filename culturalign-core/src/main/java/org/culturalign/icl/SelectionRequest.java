package org.culturalign.icl;

import org.culturalign.probe.ProbeFormat;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;

/**
 * What a {@link DemonstrationSelector} is asked: k demonstration questions for one test item, country and language.
 *
 * @param data           the survey data (candidates are its questions)
 * @param test           the test question (never a candidate)
 * @param country        the target country (candidates need a distribution for it)
 * @param language       the probe language (candidates need a text in it)
 * @param k              number of demonstrations wanted, &gt;= 0
 * @param seed           the run's seed; selectors derive their own random stream from it (see {@link StableSeed})
 * @param excludeBattery when true, items of the test item's battery (same non-empty {@link Question#battery()})
 *                       are not candidates
 * @param format         the probe format the demonstrations will be rendered in; for {@link ProbeFormat#BINARY}
 *                       only questions with a binary form (ordinal scales) are candidates
 */
public record SelectionRequest(SurveyData data, Question test, Country country, String language, int k, long seed,
                               boolean excludeBattery, ProbeFormat format) {

    /** @throws IllegalArgumentException for null parts or a negative k */
    public SelectionRequest {
        if (data == null || test == null || country == null || language == null || format == null) {
            throw new IllegalArgumentException("selection request needs data, test question, country, language "
                    + "and format");
        }
        if (k < 0) {
            throw new IllegalArgumentException("number of demonstrations must be >= 0, got " + k);
        }
    }

    /** A request for full-format probes (the contract's original seven components). */
    public SelectionRequest(SurveyData data, Question test, Country country, String language, int k, long seed,
                            boolean excludeBattery) {
        this(data, test, country, language, k, seed, excludeBattery, ProbeFormat.FULL);
    }
}
