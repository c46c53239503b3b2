package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.culturalign.probe.Fixtures.ordinal;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.ScaleType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The pole rule for every scale length of the WVS-7 catalog (2, 3 incl. 0-coded, 4, 5, 7, 8, 10) and beyond. */
class PolesTest {

    static Stream<Arguments> scales() {
        return Stream.of(
                Arguments.of(ordinal(1, 2), List.of(1), List.of(2), List.of()),
                Arguments.of(ordinal(1, 2, 3), List.of(1), List.of(3), List.of(2)),
                Arguments.of(ordinal(0, 1, 2), List.of(0), List.of(2), List.of(1)),
                Arguments.of(ordinal(1, 2, 3, 4), List.of(1, 2), List.of(3, 4), List.of()),
                Arguments.of(ordinal(1, 2, 3, 4, 5), List.of(1, 2), List.of(4, 5), List.of(3)),
                Arguments.of(ordinal(1, 2, 3, 4, 5, 6), List.of(1, 2, 3), List.of(4, 5, 6), List.of()),
                Arguments.of(ordinal(1, 2, 3, 4, 5, 6, 7), List.of(1, 2, 3), List.of(5, 6, 7), List.of(4)),
                Arguments.of(ordinal(1, 2, 3, 4, 5, 6, 7, 8), List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of()),
                Arguments.of(ordinal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), List.of(1, 2, 3, 4, 5),
                        List.of(6, 7, 8, 9, 10), List.of()),
                Arguments.of(ordinal(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), List.of(0, 1, 2, 3, 4),
                        List.of(6, 7, 8, 9, 10), List.of(5)));
    }

    @ParameterizedTest(name = "{0}: {1} vs {2}, dropped {3}")
    @MethodSource("scales")
    void theScaleSplitsIntoEqualHalvesWithAnOddMiddleDropped(AnswerScale scale, List<Integer> low,
                                                            List<Integer> high, List<Integer> dropped) {
        Poles p = Poles.of(scale);
        assertThat(p.low()).isEqualTo(low);
        assertThat(p.high()).isEqualTo(high);
        assertThat(p.dropped()).isEqualTo(dropped);
    }

    private static HumanDistribution dist(double... s) {
        return HumanDistribution.ofShares(s, OptionalLong.empty(), OptionalDouble.empty(), "test");
    }

    @Test
    void twoPointSharesAreTheDistributionItself() {
        assertThat(Poles.of(ordinal(1, 2)).shares(ordinal(1, 2), dist(0.3, 0.7)))
                .containsExactly(new double[] {0.3, 0.7}, Offset.offset(1e-12));
    }

    @Test
    void threePointSharesDropTheMiddleAndRenormalise() {
        // 0.2 / 0.5 / 0.3 -> 0.2 / 0.5 and 0.3 / 0.5
        assertThat(Poles.of(ordinal(0, 1, 2)).shares(ordinal(0, 1, 2), dist(0.2, 0.5, 0.3)))
                .containsExactly(new double[] {0.4, 0.6}, Offset.offset(1e-12));
    }

    @Test
    void fivePointSharesSumEachPoleAndRenormalise() {
        // low 0.1 + 0.2 = 0.3, middle 0.4 dropped, high 0.2 + 0.1 = 0.3 -> 0.5 / 0.5
        AnswerScale s = ordinal(1, 2, 3, 4, 5);
        assertThat(Poles.of(s).shares(s, dist(0.1, 0.2, 0.4, 0.2, 0.1)))
                .containsExactly(new double[] {0.5, 0.5}, Offset.offset(1e-12));
        // low 0.05 + 0.05, high 0.3 + 0.2, middle 0.4: 0.1 / 0.6 and 0.5 / 0.6
        assertThat(Poles.of(s).shares(s, dist(0.05, 0.05, 0.4, 0.3, 0.2)))
                .containsExactly(new double[] {1 / 6.0, 5 / 6.0}, Offset.offset(1e-12));
        assertThat(Poles.of(s).majorityPole(s, dist(0.05, 0.05, 0.4, 0.3, 0.2))).isEqualTo(Poles.HIGH);
        assertThat(Poles.of(s).majorityPole(s, dist(0.1, 0.2, 0.4, 0.2, 0.1))).isEqualTo(Poles.LOW);
    }

    @Test
    void allRespondentsInTheMiddleHaveNoPoleShares() {
        AnswerScale s = ordinal(1, 2, 3);
        assertThatThrownBy(() -> Poles.of(s).shares(s, dist(0, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropped middle");
    }

    @Test
    void nominalScalesHaveNoPoles() {
        AnswerScale nominal = new AnswerScale(List.of(1, 2, 3), ScaleType.NOMINAL);
        assertThat(Poles.applies(nominal)).isFalse();
        assertThatThrownBy(() -> Poles.of(nominal)).isInstanceOf(IllegalArgumentException.class);
    }
}
