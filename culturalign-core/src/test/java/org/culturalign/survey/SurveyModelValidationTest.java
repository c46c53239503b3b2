package org.culturalign.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SurveyModelValidationTest {
    private static final AnswerScale FOUR = new AnswerScale(List.of(1, 2, 3, 4), ScaleType.ORDINAL);

    @Test
    void sharesOffByLessThanTheToleranceAreRenormalisedToSumToOne() {
        HumanDistribution d = HumanDistribution.of(FOUR, Map.of(1, 0.5, 2, 0.3, 3, 0.1, 4, 0.1005),
                OptionalLong.of(1200), OptionalDouble.empty(), "test");
        assertThat(d.share(0)).isCloseTo(0.5 / 1.0005, within(1e-12));
        assertThat(d.share(3)).isCloseTo(0.1005 / 1.0005, within(1e-12));
        assertThat(d.shares()).hasSize(4);
        assertThat(d.respondents()).hasValue(1200);
    }

    @Test
    void sharesOffByMoreThanTheToleranceAreRejectedNamingWhere() {
        assertThatThrownBy(() -> HumanDistribution.of(FOUR, Map.of(1, 0.5, 2, 0.3, 3, 0.1, 4, 0.03),
                OptionalLong.empty(), OptionalDouble.empty(), "NGA Q1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("NGA Q1: shares must sum to 1");
    }

    @Test
    void negativeSharesAreRejected() {
        assertThatThrownBy(() -> HumanDistribution.ofShares(new double[] {1.1, -0.1}, OptionalLong.empty(),
                OptionalDouble.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-negative");
    }

    @Test
    void aShareForACodeOffTheScaleIsRejected() {
        assertThatThrownBy(() -> HumanDistribution.of(FOUR, Map.of(1, 0.5, 5, 0.5), OptionalLong.empty(),
                OptionalDouble.empty(), "USA Q254"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("USA Q254: answer code 5 is not an option of the scale [1, 2, 3, 4]");
    }

    @Test
    void codesMissingFromTheSharesGetShareZero() {
        HumanDistribution d = HumanDistribution.of(FOUR, Map.of(1, 0.25, 4, 0.75), OptionalLong.empty(),
                OptionalDouble.empty(), "x");
        assertThat(d.shares()).containsExactly(0.25, 0.0, 0.0, 0.75);
        assertThat(d.respondents()).isEmpty();
    }

    @Test
    void anAnswerScaleNeedsTwoDistinctNonNegativeCodes() {
        assertThatThrownBy(() -> new AnswerScale(List.of(1), ScaleType.ORDINAL))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> new AnswerScale(List.of(1, 1), ScaleType.ORDINAL)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new AnswerScale(List.of(-1, 1), ScaleType.ORDINAL))
                .hasMessageContaining("missing-value");
        assertThat(new AnswerScale(List.of(0, 1, 2), ScaleType.ORDINAL).positionOf(0)).isZero();
    }

    @Test
    void aQuestionTextMustHaveOneLabelPerOption() {
        QuestionText three = new QuestionText("Q?", List.of("a", "b", "c"));
        assertThatThrownBy(() -> new Question("Q1", "c", FOUR, Map.of("en", three), Map.of(), "", "WVS-7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("question Q1 [en] has 3 option labels, its scale has 4");
    }

    @Test
    void recodesDropOrMapRawCodes() {
        Question q = new Question("Q254", "c", FOUR, Map.of(), Map.of(5, Question.Recode.dropped(),
                9, Question.Recode.to(4)), "", "WVS-7");
        assertThat(q.scaleCode(5)).isEmpty();
        assertThat(q.scaleCode(9)).hasValue(4);
        assertThat(q.scaleCode(2)).hasValue(2);
        assertThat(q.scaleCode(-1)).isEmpty();
    }

    @Test
    void surveyDataRejectsADistributionWithAnotherOptionCount() {
        Question q = new Question("Q1", "c", FOUR, Map.of(), Map.of(), "", "");
        HumanDistribution two = HumanDistribution.ofShares(new double[] {0.5, 0.5}, OptionalLong.empty(),
                OptionalDouble.empty(), "x");
        DataSource src = new DataSource("t.json", "1", "", "");
        assertThatThrownBy(() -> new SurveyData(src, List.of(q), Map.of(new Country("NGA"), Map.of("Q1", two)),
                Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.json: NGA Q1 has 2 shares, the question has 4 options");
    }

    @Test
    void countriesAreNamedFromIsoAlpha3Codes() {
        assertThat(Countries.name(new Country("NGA"))).isEqualTo("Nigeria");
        assertThat(Countries.name(new Country("DEU"))).isEqualTo("Germany");
        assertThat(Countries.name(new Country("NIR"))).isEqualTo("Northern Ireland");
        assertThat(Countries.name(new Country("QQQ"))).isEqualTo("QQQ");
        assertThat(Countries.isKnown(new Country("QQQ"))).isFalse();
    }
}
