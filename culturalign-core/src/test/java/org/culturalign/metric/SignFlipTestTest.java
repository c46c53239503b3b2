package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignFlipTestTest {
    @Test
    void threeDifferencesAreTestedExactlyOverTheEightSignPatterns() {
        // d = 1, 2, 3: the sums +-1 +-2 +-3 are 6, 4, 2, 0, 0, -2, -4, -6; |sum| >= 6 in 2 of 8: p = 0.25
        TestResult r = SignFlipTest.pValue(new double[]{1.5, 2.5, 3.5}, new double[]{0.5, 0.5, 0.5}, 1000, 1);
        assertThat(r.pValue()).isEqualTo(0.25);
        assertThat(r.statistic()).isCloseTo(2.0, within(1e-12));
        assertThat(r.exact()).isTrue();
        assertThat(r.n()).isEqualTo(3);
    }

    @Test
    void equalDifferencesCountTheMirrorPatternAsExtremeToo() {
        // d = .1, .1: sums .2, 0, 0, -.2: p = 2/4 even though .1 + .1 is not exactly .2 in doubles
        assertThat(SignFlipTest.pValue(new double[]{0.3, 0.3}, new double[]{0.2, 0.2}, 1000, 1).pValue())
                .isEqualTo(0.5);
        // every difference 0: every pattern is as extreme: p = 1
        assertThat(SignFlipTest.pValue(new double[]{0.4, 0.5}, new double[]{0.4, 0.5}, 1000, 1).pValue())
                .isEqualTo(1.0);
    }

    @Test
    void aNegativeGainIsAsSignificantAsThePositiveOne() {
        TestResult up = SignFlipTest.pValue(new double[]{2, 3, 4, 5}, new double[]{1, 1, 1, 1}, 1000, 1);
        TestResult down = SignFlipTest.pValue(new double[]{1, 1, 1, 1}, new double[]{2, 3, 4, 5}, 1000, 1);
        // d = 1, 2, 3, 4 (sum 10): only the all-plus and all-minus patterns reach |10|: p = 2/16
        assertThat(up.pValue()).isEqualTo(0.125);
        assertThat(down.pValue()).isEqualTo(0.125);
        assertThat(down.statistic()).isCloseTo(-2.5, within(1e-12));
    }

    @Test
    void aboveSixteenPairsTheTestSamplesPatternsAndNeverReturnsZero() {
        // 20 equal positive differences: only the all-plus and all-minus patterns reach |sum|, P = 2 / 2^20 ~ 2e-6;
        // with 1000 random patterns none is likely to: p = 1 / 1001
        double[] t = new double[20];
        double[] c = new double[20];
        java.util.Arrays.fill(t, 1.0);
        TestResult r = SignFlipTest.pValue(t, c, 1000, 7);
        assertThat(r.exact()).isFalse();
        assertThat(r.pValue()).isEqualTo(1.0 / 1001);
        // the same seed, the same p-value
        double[] noisy = new double[20];
        for (int i = 0; i < 20; i++) {
            noisy[i] = (i % 3 == 0 ? -1 : 1) * (0.01 * (i + 1));
        }
        assertThat(SignFlipTest.pValue(noisy, c, 2000, 3)).isEqualTo(SignFlipTest.pValue(noisy, c, 2000, 3));
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> SignFlipTest.pValue(new double[0], new double[0], 1000, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SignFlipTest.pValue(new double[]{1}, new double[]{1, 2}, 1000, 1))
                .hasMessageContaining("pair up");
        assertThatThrownBy(() -> SignFlipTest.pValue(new double[]{1}, new double[]{1}, 10, 1))
                .hasMessageContaining("1000");
        assertThatThrownBy(() -> SignFlipTest.pValue(new double[]{Double.NaN}, new double[]{1}, 1000, 1))
                .hasMessageContaining("not finite");
    }
}
