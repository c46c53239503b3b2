package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FalseDiscoveryTest {
    /** The 15 p-values of Benjamini & Hochberg (1995), section 3.2 (the example the paper works through). */
    private static final double[] PAPER = {0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
        0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000};

    @Test
    void thePapersExampleRejectsTheFourSmallestAtFivePercent() {
        // by hand: m p_(i) / i = .0015, .003, .0095, .035625, .0603, .0695, .063857.., .0645, .0765, .486,
        // .58118.., .714875, .75323.., .81321.., 1; then the running minimum from the largest down
        double[] expected = {0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571, 0.0638571428571, 0.0645,
            0.0765, 0.486, 0.581181818182, 0.714875, 0.753230769231, 0.813214285714, 1.0};
        double[] adjusted = FalseDiscovery.adjust(PAPER);
        for (int i = 0; i < PAPER.length; i++) {
            assertThat(adjusted[i]).as("p~_(%d)", i + 1).isCloseTo(expected[i], within(1e-10));
        }
        boolean[] rejected = FalseDiscovery.rejected(PAPER, 0.05);
        for (int i = 0; i < PAPER.length; i++) {
            assertThat(rejected[i]).as("H_(%d)", i + 1).isEqualTo(i < 4);
        }
    }

    @Test
    void adjustedValuesKeepTheInputOrderAndAreMonotoneInP() {
        // the paper's values shuffled: each adjusted value follows its p-value
        int[] perm = {14, 3, 7, 0, 11, 5, 9, 1, 13, 6, 2, 12, 8, 10, 4};
        double[] shuffled = new double[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shuffled[i] = PAPER[perm[i]];
        }
        double[] sorted = FalseDiscovery.adjust(PAPER);
        double[] adjusted = FalseDiscovery.adjust(shuffled);
        for (int i = 0; i < perm.length; i++) {
            assertThat(adjusted[i]).isEqualTo(sorted[perm[i]]);
            for (int j = 0; j < perm.length; j++) {
                if (shuffled[i] <= shuffled[j]) {
                    assertThat(adjusted[i]).isLessThanOrEqualTo(adjusted[j]);
                }
            }
        }
    }

    @Test
    void tiedPValuesGetTheSameAdjustedValue() {
        // sorted .01 .01 .03 .04, m = 4: m p / i = .04, .02, .04, .04; running minimum from the top: .04, .04, .02, .02
        double[] adjusted = FalseDiscovery.adjust(new double[]{0.03, 0.01, 0.04, 0.01});
        assertThat(adjusted[0]).isCloseTo(0.04, within(1e-15));
        assertThat(adjusted[1]).isCloseTo(0.02, within(1e-15));
        assertThat(adjusted[2]).isCloseTo(0.04, within(1e-15));
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-15));
        assertThat(FalseDiscovery.rejected(new double[]{0.03, 0.01, 0.04, 0.01}, 0.03))
                .containsExactly(false, true, false, true);
    }

    @Test
    void adjustedValuesAreCappedAtOneAndOneTestIsItsOwnAdjustment() {
        // sorted .8 .9, m = 2: 1.6 (capped to 1), .9; running minimum from the top: .9, .9
        assertThat(FalseDiscovery.adjust(new double[]{0.9, 0.8})).containsExactly(0.9, 0.9);
        // sorted .6 .7 1, m = 3: 1.8, 1.05, 1: all capped to 1
        assertThat(FalseDiscovery.adjust(new double[]{0.7, 1.0, 0.6})).containsExactly(1.0, 1.0, 1.0);
        // sorted .01 .6 .9, m = 3: .03, .9, .9
        assertThat(FalseDiscovery.adjust(new double[]{0.6, 0.01, 0.9})).containsExactly(new double[]{0.9, 0.03, 0.9},
                within(1e-15));
        assertThat(FalseDiscovery.adjust(new double[]{0.042})).containsExactly(0.042);
        assertThat(FalseDiscovery.adjust(new double[0])).isEmpty();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FalseDiscovery.adjust(new double[]{0.1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value 1");
        assertThatThrownBy(() -> FalseDiscovery.adjust(new double[]{1.2})).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> FalseDiscovery.rejected(new double[]{0.1}, 0)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> FalseDiscovery.rejected(new double[]{0.1}, 1)).hasMessageContaining("(0, 1)");
    }
}
