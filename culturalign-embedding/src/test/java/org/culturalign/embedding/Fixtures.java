package org.culturalign.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Country;
import org.culturalign.survey.DataSource;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.ScaleType;
import org.culturalign.survey.SurveyData;

/** Hand-made survey items for tests (our own wording). */
final class Fixtures {
    static final AnswerScale FOUR = new AnswerScale(List.of(1, 2, 3, 4), ScaleType.ORDINAL);
    static final List<String> LABELS_EN = List.of("Very", "Rather", "Not very", "Not at all");
    static final List<String> LABELS_DE = List.of("Sehr", "Eher", "Eher nicht", "Überhaupt nicht");

    private Fixtures() {
    }

    /** A four-option question with an English text and, when {@code german} is non-null, a German one. */
    static Question question(String id, String category, String battery, String english, String german) {
        Map<String, QuestionText> texts = new LinkedHashMap<>();
        if (english != null) {
            texts.put("en", new QuestionText(english, LABELS_EN));
        }
        if (german != null) {
            texts.put("de", new QuestionText(german, LABELS_DE));
        }
        return new Question(id, category, FOUR, texts, Map.of(), battery, "TEST");
    }

    static HumanDistribution shares(double... s) {
        return HumanDistribution.ofShares(s, OptionalLong.empty(), OptionalDouble.empty(), "fixture");
    }

    /** Survey data where {@code country} has data for exactly the ids given. */
    static SurveyData data(List<Question> questions, Country country, List<String> idsWithData) {
        Map<String, HumanDistribution> row = new LinkedHashMap<>();
        for (String id : idsWithData) {
            row.put(id, shares(0.4, 0.3, 0.2, 0.1));
        }
        return new SurveyData(new DataSource("fixture", "test/1", "0".repeat(64), ""), questions,
                Map.of(country, row), Map.of(country, "Testland"));
    }
}
