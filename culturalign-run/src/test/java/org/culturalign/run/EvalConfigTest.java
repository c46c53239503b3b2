package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

class EvalConfigTest {
    private static EvalConfig demo(String data, List<String> models, Double limit, List<String> selectors,
                                   int resamples) {
        return new EvalConfig(models, Map.of(), data, List.of("DEU"), List.of("en"), List.of(0, 2), selectors,
                List.of("full"), List.of(false), null, EvalConfig.DEMO_QUESTIONS, limit, 1, null, null, null,
                resamples, null);
    }

    @Test
    void theDemoQuestionsApplyOnlyToTheEmbeddedDefaultNotToTheUsersOwnData() {
        assertThat(demo(null, List.of("demo"), null, List.of("chrf"), 1000).resolveDefaultQuestions(false)
                .questions()).isEqualTo(EvalConfig.DEMO_QUESTIONS);
        assertThat(demo("wvs.json", List.of("demo"), null, List.of("chrf"), 1000).resolveDefaultQuestions(false)
                .questions()).isEmpty();
        assertThat(demo(null, List.of("llamacpp:/m.gguf"), null, List.of("chrf"), 1000)
                .resolveDefaultQuestions(false).questions()).isEmpty();
    }

    @Test
    void aLimitOnTheEmbeddedDefaultTakesTheFirstDemoQuestionsSpreadOverEveryCategory() {
        SurveyData data = BundledSample.load();
        EvalConfig c = demo(null, List.of("demo"), 13.0, List.of("chrf"), 1000).resolveDefaultQuestions(false);
        EvalPlan plan = new EvalPlan(c, data);
        assertThat(plan.questions()).extracting(q -> q.id()).isEqualTo(EvalConfig.DEMO_QUESTIONS.subList(0, 13));
        Set<String> categories = new HashSet<>();
        plan.questions().forEach(q -> categories.add(q.category()));
        assertThat(categories).hasSize(13).containsExactlyInAnyOrderElementsOf(data.categories());
    }

    @Test
    void aFractionalLimitTakesThatShareOfTheQuestionsRoundedUp() {
        EvalConfig c = demo(null, List.of("demo"), 0.1, List.of("chrf"), 1000);
        assertThat(c.limitedCount(28)).isEqualTo(3);
        assertThat(c.limitedCount(105)).isEqualTo(11);
        assertThat(c.limitedCount(1)).isEqualTo(1);
        assertThat(demo(null, List.of("demo"), 5.0, List.of("chrf"), 1000).limitedCount(3)).isEqualTo(3);
        assertThatThrownBy(() -> demo(null, List.of("demo"), 1.5, List.of("chrf"), 1000))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> demo(null, List.of("demo"), 0.0, List.of("chrf"), 1000))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--limit");
    }

    @Test
    void zeroBootstrapResamplesIsRejectedLikeAnyNumberBelowAThousand() {
        assertThatThrownBy(() -> demo(null, List.of("demo"), null, List.of("chrf"), 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--bootstrap-resamples: at least 1000 needed, got 0");
        assertThatThrownBy(() -> demo(null, List.of("demo"), null, List.of("chrf"), 50))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--bootstrap-resamples: at least 1000 needed, got 50");
    }

    @Test
    void repeatedModelsAndSelectorsAreDeduplicatedKeepingTheFirstOrder() {
        EvalConfig c = demo(null, List.of("demo", "llamacpp:/m.gguf", "demo"), null,
                List.of("chrf", "random", "chrf", "fixed:Q1+Q2", "fixed:Q1,Q2"), 1000);
        assertThat(c.models()).containsExactly("demo", "llamacpp:/m.gguf");
        assertThat(c.selectors()).containsExactly("chrf", "random", "fixed:Q1,Q2");
        assertThat(EvalGrid.cells(c)).hasSize(2 * (1 + 3));
    }

    @Test
    void theBatterySettingDefaultsToExcludingAndIsPartOfTheConfig() {
        EvalConfig c = demo(null, List.of("demo"), null, List.of("chrf"), 1000);
        assertThat(c.excludeBattery()).isTrue();
        assertThat(ConfigFiles.canonicalJson(c)).contains("\"excludeBattery\":true");
    }

    @Test
    void fixedSelectorIdsRunUpToTheNextSelectorNameInACommaList() {
        assertThat(ConfigValues.splitSelectors("chrf,fixed:Q46,Q57,random"))
                .containsExactly("chrf", "fixed:Q46,Q57", "random");
        assertThat(ConfigValues.splitSelectors("fixed:Q46,Q57,Q164")).containsExactly("fixed:Q46,Q57,Q164");
        assertThat(ConfigValues.splitSelectors("fixed:Q46+Q57,category")).containsExactly("fixed:Q46,Q57", "category");
        assertThat(ConfigValues.splitSelectors("fixed:Q1;Q2,fixed:Q3")).containsExactly("fixed:Q1,Q2", "fixed:Q3");
        assertThat(ConfigValues.splitSelectors("random,chrf")).containsExactly("random", "chrf");
    }

    @Test
    void anUnknownPinnedQuestionIsRefusedWhenThePlanIsBuilt() {
        EvalConfig c = demo(null, List.of("demo"), null, List.of("fixed:Q1,Q999"), 1000);
        assertThatThrownBy(() -> new EvalPlan(c, BundledSample.load())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--selectors fixed:Q1,Q999: unknown question Q999 in ");
    }
}
