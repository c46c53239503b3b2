package org.culturalign.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.DemonstrationSelectors;
import org.culturalign.icl.Selection;
import org.culturalign.icl.SelectionRequest;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selector on hand-made survey data, with the real model. */
class EmbeddingSelectorTest {
    static final Country DEU = Country.of("DEU");
    static final Question RELIGION = SemanticNeighboursModelTest.RELIGION;
    static final Question SERVICES = SemanticNeighboursModelTest.SERVICES;
    static final Question POLITICS = SemanticNeighboursModelTest.POLITICS;
    static final Question NEIGHBOURS = SemanticNeighboursModelTest.NEIGHBOURS;
    static final Question POLICE = SemanticNeighboursModelTest.POLICE;
    static final Question COURTS = SemanticNeighboursModelTest.COURTS;
    /** English only: not a candidate for German probes. */
    static final Question PRAY = Fixtures.question("Q172", "Religion", "", "How often do you pray?", null);
    /** Closest in meaning to the religion item, but Germany has no data for it. */
    static final Question GOD = Fixtures.question("Q164", "Religion", "",
            "How important is God in your life?", "Wie wichtig ist Gott in Ihrem Leben?");

    static final SurveyData DATA = Fixtures.data(
            List.of(RELIGION, SERVICES, POLITICS, NEIGHBOURS, POLICE, COURTS, PRAY, GOD), DEU,
            List.of("Q6", "Q171", "Q199", "Q21", "Q69", "Q70", "Q172"));

    @TempDir
    Path cacheDir;

    EmbeddingSelector selector() {
        return new EmbeddingSelector(new CachedEmbedder(MiniLmEmbedder.shared(), new EmbeddingCache(cacheDir)));
    }

    static SelectionRequest request(Question test, String language, int k, long seed, boolean excludeBattery) {
        return new SelectionRequest(DATA, test, DEU, language, k, seed, excludeBattery);
    }

    @Test
    void theMostSimilarQuestionIsShownLastRightBeforeTheTestQuestion() {
        Selection s = selector().select(request(RELIGION, "en", 2, 1, false));

        assertThat(s.questionIds()).containsExactly("Q172", "Q171");
        assertThat(s.fellBack()).isFalse();
        assertThat(s.note()).isEmpty();
    }

    @Test
    void freeTextGetsTheQuestionsClosestInMeaningWithTheClosestLast() {
        Selection s = selector().selectForText(new org.culturalign.icl.TextSelectionRequest(DATA,
                "Do you go to church on Sundays?", DEU, "en", 2, 1));

        assertThat(s.questionIds()).hasSize(2).endsWith("Q171"); // "How often do you attend religious services?"
        assertThat(s.questionIds()).doesNotContain("Q164"); // no data for DEU
        assertThat(s.fellBack()).isFalse();
    }

    @Test
    void neverTheTestQuestionEvenWhenEveryCandidateIsTaken() {
        Selection s = selector().select(request(RELIGION, "en", 6, 1, false));

        assertThat(s.questionIds()).containsExactlyInAnyOrder("Q171", "Q199", "Q21", "Q69", "Q70", "Q172")
                .doesNotContain("Q6");
    }

    @Test
    void onlyQuestionsWithDataForTheCountryAndATextInTheLanguageAreCandidates() {
        // Q164 (God) has no German data; Q172 (pray) has no German text
        Selection german = selector().select(request(RELIGION, "de", 5, 1, false));
        assertThat(german.questionIds()).containsExactlyInAnyOrder("Q171", "Q199", "Q21", "Q69", "Q70");

        assertThat(selector().select(request(RELIGION, "en", 6, 1, false)).questionIds()).doesNotContain("Q164");
    }

    @Test
    void theTestItemsBatteryIsLeftOutWhenAsked() {
        assertThat(selector().select(request(POLICE, "en", 1, 1, false)).questionIds()).containsExactly("Q70");
        assertThat(selector().select(request(POLICE, "en", 5, 1, true)).questionIds()).doesNotContain("Q70")
                .hasSize(5);
    }

    @Test
    void theChoiceIsDeterministicIgnoresTheSeedAndIsTheSameInEveryLanguage() {
        Selection first = selector().select(request(RELIGION, "de", 3, 1, false));
        Selection again = selector().select(request(RELIGION, "de", 3, 1, false));
        Selection otherSeed = selector().select(request(RELIGION, "de", 3, 987_654_321L, false));
        // English has one more candidate (Q172); with it removed from the data the English choice equals the German
        SurveyData noPray = Fixtures.data(List.of(RELIGION, SERVICES, POLITICS, NEIGHBOURS, POLICE, COURTS), DEU,
                List.of("Q6", "Q171", "Q199", "Q21", "Q69", "Q70"));
        Selection english = selector().select(new SelectionRequest(noPray, RELIGION, DEU, "en", 3, 1, false));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isEqualTo(first);
        assertThat(english).isEqualTo(first);
        assertThat(first.questionIds()).last().isEqualTo("Q171");
    }

    @Test
    void askingForMoreDemonstrationsThanCandidatesNamesBothNumbers() {
        assertThatThrownBy(() -> selector().select(request(RELIGION, "de", 6, 1, false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("6 demonstrations").hasMessageContaining("only 5");
    }

    @Test
    void zeroDemonstrationsNeedNoModel() {
        TextEmbedder failing = new TextEmbedder() {
            @Override
            public String modelId() {
                return "unused";
            }

            @Override
            public int dimensions() {
                return 1;
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                throw new AssertionError("the model must not run for k = 0");
            }
        };
        assertThat(new EmbeddingSelector(failing).select(request(RELIGION, "en", 0, 1, false)).questionIds())
                .isEmpty();
    }

    @Test
    void aQuestionWithoutEnglishIsMarkedAsAFallback() {
        Question germanOnly = Fixtures.question("Q900", "Religion", "", null, "Wie oft beten Sie?");
        SurveyData data = Fixtures.data(List.of(RELIGION, germanOnly, POLITICS), DEU, List.of("Q900", "Q199"));
        Selection s = selector().select(new SelectionRequest(data, RELIGION, DEU, "de", 2, 1, false));

        assertThat(s.fellBack()).isTrue();
        assertThat(s.note()).startsWith("no English text for Q900: embedded in de");
    }

    @Test
    void theSelectorIsFoundByNameThroughServiceLoader() {
        assertThat(DemonstrationSelectors.byName("embedding")).isInstanceOf(EmbeddingSelector.class);
        assertThat(DemonstrationSelectors.available()).contains("embedding");
    }
}
