package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoredTargetTest {
    private static final List<String> CONTINUATIONS = List.of(" Yes", " Not at all");

    @Test
    void textsNormDividesEachLogProbabilityByTheOptionTextsLengthInCharacters() {
        double[] compared = ScoredTarget.TEXTS_NORM.comparedLogprobs(CONTINUATIONS, new double[] {-1.2, -3.0});
        // " Yes" -> "Yes" (3 characters), " Not at all" -> "Not at all" (10 characters)
        assertThat(compared[0]).isCloseTo(-0.4, within(1e-12));
        assertThat(compared[1]).isCloseTo(-0.3, within(1e-12));
        AnswerDistribution d = AnswerDistribution.fromLogprobs(compared);
        // exp(-0.4) / (exp(-0.4) + exp(-0.3)) = 1 / (1 + e^0.1)
        assertThat(d.probability(0)).isCloseTo(1 / (1 + Math.exp(0.1)), within(1e-12));
        assertThat(d.probability(0)).isCloseTo(0.47502081252106, within(1e-12));
    }

    @Test
    void unnormalisedTextScoringFavoursTheShortOptionWhereTextsNormDoesNot() {
        double[] raw = {-1.2, -3.0};
        assertThat(ScoredTarget.TEXTS.comparedLogprobs(CONTINUATIONS, raw)).containsExactly(-1.2, -3.0);
        assertThat(AnswerDistribution.fromLogprobs(raw).probability(0)).isGreaterThan(0.5);
        assertThat(AnswerDistribution.fromLogprobs(ScoredTarget.TEXTS_NORM.comparedLogprobs(CONTINUATIONS, raw))
                .probability(0)).isLessThan(0.5);
    }

    @Test
    void textsNormParsesWithHyphenOrUnderscoreAndScoresTheSameTextsAsTexts() {
        assertThat(ScoredTarget.parse("texts-norm")).isEqualTo(ScoredTarget.TEXTS_NORM);
        assertThat(ScoredTarget.parse("TEXTS_NORM")).isEqualTo(ScoredTarget.TEXTS_NORM);
        assertThat(ScoredTarget.TEXTS_NORM.cliName()).isEqualTo("texts-norm");
        assertThat(ScoredTarget.TEXTS_NORM.scoresTexts()).isTrue();
        assertThat(ScoredTarget.LABELS.scoresTexts()).isFalse();
        assertThat(ScoredTarget.TEXTS_NORM.lengthNormalisation()).isEqualTo("chars");
        assertThat(ScoredTarget.TEXTS.lengthNormalisation()).isEqualTo("none");
    }
}
