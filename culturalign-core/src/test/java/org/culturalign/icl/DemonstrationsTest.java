package org.culturalign.icl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.culturalign.probe.Fixtures.CHN;
import static org.culturalign.probe.Fixtures.DEU;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.probe.Fixtures;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

class DemonstrationsTest {
    private final SurveyData data = Fixtures.data();

    @Test
    void aBinaryProbesMajorityAnswerIsTheMajorityPoleNotThePoleOfTheMostFrequentCode() {
        // USA Q130-like shares .153/.387 | .424/.036: the most frequent code (3) is in the high pole, but the low
        // pole holds .540 of the answers; a binary demonstration must show the low pole (its most frequent code, 2)
        var shares = org.culturalign.survey.HumanDistribution.ofShares(new double[] {0.153, 0.387, 0.424, 0.036},
                java.util.OptionalLong.empty(), java.util.OptionalDouble.empty(), "t");
        var scale = Fixtures.ordinal(1, 2, 3, 4);
        assertThat(Demonstrations.majority(scale, shares)).isEqualTo(3);
        assertThat(Demonstrations.majorityOfMajorityPole(scale, shares)).isEqualTo(2);
        // 5-point with the middle dropped: .30/.05 | (.40) | .10/.15 -> low pole .35 vs high .25 -> code 1
        var five = org.culturalign.survey.HumanDistribution.ofShares(new double[] {0.30, 0.05, 0.40, 0.10, 0.15},
                java.util.OptionalLong.empty(), java.util.OptionalDouble.empty(), "t");
        assertThat(Demonstrations.majorityOfMajorityPole(Fixtures.ordinal(1, 2, 3, 4, 5), five)).isEqualTo(1);
    }

    @Test
    void majorityAnswersAreTheMostFrequentCodeWithTiesToTheLowerCode() {
        // DEU Q2 0.40/0.50/.. -> 2; DEU Q94 (codes 0,1,2) 0.5/0.3/0.2 -> 0; CHN Q223 0.3/0.3/0.4 -> 3;
        // CHN Q164 ties 0.05 elsewhere but 0.5 at code 1 -> 1
        assertThat(Demonstrations.answers(data, DEU, List.of("Q2", "Q94"), AnswerMode.MAJORITY, 0))
                .containsExactly(new Demonstration("Q2", 2), new Demonstration("Q94", 0));
        assertThat(Demonstrations.answers(data, CHN, List.of("Q223", "Q164"), AnswerMode.MAJORITY, 0))
                .containsExactly(new Demonstration("Q223", 3), new Demonstration("Q164", 1));
        // a tie between codes 1 and 2 of CHN Q57-like shares: DEU Q57 is 0.4/0.6, so build the tie on Q2 of
        // a 0.5/0.5 pair via the majority helper directly
        var tie = org.culturalign.survey.HumanDistribution.ofShares(new double[] {0.0, 0.45, 0.45, 0.1},
                java.util.OptionalLong.empty(), java.util.OptionalDouble.empty(), "t");
        assertThat(Demonstrations.majority(Fixtures.ordinal(1, 2, 3, 4), tie)).isEqualTo(2);
        assertThat(Demonstrations.majority(Fixtures.ordinal(4, 3, 2, 1), tie)).isEqualTo(2);
    }

    @Test
    void sampledAnswersFollowTheDistributionAndDoNotDependOnTheOtherIds() {
        List<Demonstration> a = Demonstrations.answers(data, DEU, List.of("Q1", "Q47"), AnswerMode.SAMPLED, 3);
        List<Demonstration> b = Demonstrations.answers(data, DEU, List.of("Q47"), AnswerMode.SAMPLED, 3);
        assertThat(a.get(1)).isEqualTo(b.get(0));
        // over many seeds the draws of DEU Q47 (0.1/0.2/0.4/0.2/0.1) have the distribution's frequencies
        Map<Integer, Integer> counts = new HashMap<>();
        int n = 20000;
        for (int seed = 0; seed < n; seed++) {
            int code = Demonstrations.answers(data, DEU, List.of("Q47"), AnswerMode.SAMPLED, seed).get(0)
                    .answerCode();
            counts.merge(code, 1, Integer::sum);
        }
        double[] expected = {0.1, 0.2, 0.4, 0.2, 0.1};
        for (int code = 1; code <= 5; code++) {
            // 5 standard errors of a binomial share at n = 20000 is at most 0.018
            assertThat(counts.getOrDefault(code, 0) / (double) n)
                    .isCloseTo(expected[code - 1], org.assertj.core.data.Offset.offset(0.018));
        }
    }
}
