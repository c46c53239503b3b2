package org.culturalign.icl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.culturalign.probe.Fixtures.CHN;
import static org.culturalign.probe.Fixtures.DEU;

import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.probe.Fixtures;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

class TextSelectionTest {
    private final SurveyData data = Fixtures.data();

    private TextSelectionRequest req(String text, Country c, String lang, int k) {
        return new TextSelectionRequest(data, text, c, lang, k, 1234);
    }

    @Test
    void freeTextCandidatesNeedTheCountrysDataAndATextOnly() {
        // CHN has no Q47; zh texts exist for all but Q164 and Q223; no test item is excluded
        assertThat(Candidates.forText(req("x", CHN, "zh", 0))).extracting(Question::id)
                .containsExactly("Q1", "Q2", "Q46", "Q57", "Q94");
        assertThat(Candidates.forText(req("x", DEU, "en", 0))).extracting(Question::id)
                .containsExactly("Q1", "Q164", "Q2", "Q223", "Q46", "Q47", "Q57", "Q94");
    }

    @Test
    void chrfRanksTheCatalogByExactlyTheScoreOfChrFWithTheMessageAsReference() {
        String message = "How important is work in your life?";
        List<ChrfSelector.Scored> ranked = ChrfIndex.of(data, "en").rank(req(message, DEU, "en", 0));
        assertThat(ranked).hasSize(8);
        for (ChrfSelector.Scored s : ranked) {
            String hyp = data.requireQuestion(s.id()).text("en").orElseThrow().question();
            assertThat(s.score()).isEqualTo(ChrF.score(hyp, message));
        }
        assertThat(ranked.get(0).id()).isEqualTo("Q164"); // "How important is God in your life?"
        assertThat(ranked.get(1).id()).isEqualTo("Q1"); // "How important is family in your life?"
        // shown order: ascending similarity, the most similar last (right before the user's message)
        assertThat(new ChrfSelector().selectForText(req(message, DEU, "en", 2)).questionIds())
                .containsExactly("Q1", "Q164");
    }

    @Test
    void chrfSelectsTheSameForTheSameTextWithANewIndexPerLanguage() {
        ChrfSelector chrf = new ChrfSelector();
        List<String> en = chrf.selectForText(req("Are you happy?", CHN, "en", 3)).questionIds();
        List<String> zh = chrf.selectForText(req("您幸福吗？", CHN, "zh", 3)).questionIds();
        assertThat(chrf.selectForText(req("Are you happy?", CHN, "en", 3)).questionIds()).isEqualTo(en);
        assertThat(en).hasSize(3).doesNotContain("Q47").endsWith("Q46");
        assertThat(zh).hasSize(3).endsWith("Q46").doesNotContain("Q164", "Q223", "Q47");
    }

    @Test
    void moreDemonstrationsThanCandidatesIsRefusedWithBothNumbers() {
        assertThatThrownBy(() -> new ChrfSelector().selectForText(req("x", CHN, "zh", 6)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("6 demonstrations asked for CHN in zh but only 5 questions have data and a text");
    }

    @Test
    void categoryCannotSelectForFreeTextAndSaysWhichSelectorsCan() {
        assertThatThrownBy(() -> new CategorySelector().selectForText(req("x", DEU, "en", 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("demonstration selector 'category' cannot select for free text (it needs a test "
                        + "question); use chrf, embedding, random or fixed");
    }

    @Test
    void randomIsSeededByTheTextAndFixedChecksItsIds() {
        RandomSelector random = new RandomSelector();
        List<String> a = random.selectForText(req("Is family important?", DEU, "en", 4)).questionIds();
        assertThat(random.selectForText(req("Is family important?", DEU, "en", 4)).questionIds()).isEqualTo(a);
        assertThat(a).hasSize(4).doesNotHaveDuplicates();
        FixedSelector fixed = new FixedSelector(List.of("Q57", "Q1", "Q47"));
        assertThat(fixed.selectForText(req("x", DEU, "en", 2)).questionIds()).containsExactly("Q57", "Q1");
        assertThatThrownBy(() -> fixed.selectForText(req("x", CHN, "en", 3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("selector fixed:Q57,Q1,Q47: Q47 cannot be a demonstration for CHN in en (needs the "
                        + "country's data and a text in the language)");
    }
}
