package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.culturalign.metric.SignedRankTest.Alternative;
import org.junit.jupiter.api.Test;

class SignedRankTestTest {
    private static final double EPS = 1e-9;

    // Hollander & Wolfe (1973), Nonparametric Statistical Methods, p. 29 (the example in R's ?wilcox.test):
    // Hamilton depression scale factor of 9 patients at the first (x) and second (y) visit after a tranquilizer.
    // wilcox.test(x, y, paired = TRUE, alternative = "greater") prints V = 40, p-value = 0.01953.
    private static final double[] X = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    private static final double[] Y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

    @Test
    void theHollanderWolfeDepressionExampleIsReproduced() {
        // |d| ranks: .01 (1), .08 (2), .147 (3), .43 (4), .49 (5), .59 (6), .62 (7), .952 (8), 1.022 (9);
        // negative differences have ranks 2 and 3, so W- = 5 and W+ = 45 - 5 = 40.
        // Exact null: subsets of {1..9} with rank sum <= 5 number 10 (sums 0,1,2,3,3,4,4,5,5,5),
        // so P(W+ >= 40) = 10 / 512 = 0.01953125, two-sided 0.0390625.
        TestResult greater = SignedRankTest.wilcoxon(X, Y, Alternative.GREATER);
        assertThat(greater.statistic()).isEqualTo(40.0);
        assertThat(greater.pValue()).isCloseTo(10.0 / 512, within(EPS));
        assertThat(greater.n()).isEqualTo(9);
        assertThat(greater.exact()).isTrue();

        TestResult twoSided = SignedRankTest.wilcoxon(X, Y);
        assertThat(twoSided.statistic()).isEqualTo(40.0);
        assertThat(twoSided.pValue()).isCloseTo(20.0 / 512, within(EPS));
        assertThat(twoSided.alternative()).isEqualTo(Alternative.TWO_SIDED);

        TestResult less = SignedRankTest.wilcoxon(X, Y, Alternative.LESS);
        assertThat(less.pValue()).isCloseTo(1 - 10.0 / 512, within(EPS));
        assertThat(less.exact()).isFalse();
    }

    @Test
    void zeroDifferencesAreDroppedBeforeRanking() {
        double[] x = Arrays.copyOf(X, 11);
        double[] y = Arrays.copyOf(Y, 11);
        x[9] = 5;
        y[9] = 5;
        x[10] = 0.25;
        y[10] = 0.25;
        TestResult r = SignedRankTest.wilcoxon(x, y, Alternative.GREATER);
        assertThat(r.n()).isEqualTo(9);
        assertThat(r.statistic()).isEqualTo(40.0);
        assertThat(r.pValue()).isCloseTo(10.0 / 512, within(EPS));
    }

    @Test
    void allEqualPairsGiveNoEvidence() {
        TestResult r = SignedRankTest.wilcoxon(new double[]{.3, .4}, new double[]{.3, .4});
        assertThat(r).isEqualTo(new TestResult(0, 1.0, 0, Alternative.TWO_SIDED, true));
    }

    @Test
    void fivePairsCannotReachFivePercentTwoSided() {
        // all five differences positive: W+ = 15, exact two-sided p = 2 / 2^5 = 0.0625
        TestResult r = SignedRankTest.wilcoxon(new double[]{2, 3, 4, 5, 6}, new double[]{1.9, 2.8, 3.7, 4.6, 5.5});
        assertThat(r.statistic()).isEqualTo(15.0);
        assertThat(r.pValue()).isCloseTo(0.0625, within(EPS));
        assertThat(r.significantAt(0.05)).isFalse();
    }

    @Test
    void aBalancedSampleHasTwoSidedPOne() {
        // differences +1 -2 -3 +4: W+ = W- = 5; of the 16 sign patterns 9 have S >= 5, so commons-math3 returns
        // 2 * 9/16 = 1.125, capped at 1
        TestResult r = SignedRankTest.wilcoxon(new double[]{1, 0, 0, 4}, new double[]{0, 2, 3, 0});
        assertThat(r.statistic()).isEqualTo(5.0);
        assertThat(r.pValue()).isEqualTo(1.0);
    }

    @Test
    void moreThanThirtyPairsUseTheNormalApproximation() {
        // 31 differences with |d| = 1..31 (ranks 1..31), the ten smallest negative: W- = 55, W+ = 496 - 55 = 441.
        // E = 31*32/4 = 248, Var = 31*32*63/24 = 2604, z = (55 - 248 - 0.5) / sqrt(2604) = -3.79193146557679,
        // two-sided p = 2 Phi(z) = 0.000149480170224
        double[] x = new double[31];
        double[] y = new double[31];
        for (int i = 0; i < 31; i++) {
            x[i] = i < 10 ? 0 : i + 1;
            y[i] = i < 10 ? i + 1 : 0;
        }
        TestResult r = SignedRankTest.wilcoxon(x, y);
        assertThat(r.statistic()).isEqualTo(441.0);
        assertThat(r.exact()).isFalse();
        double z = (55 - 248 - 0.5) / Math.sqrt(2604);
        assertThat(z).isCloseTo(-3.79193146557679, within(EPS));
        assertThat(r.pValue()).isCloseTo(2 * new NormalDistribution().cumulativeProbability(z), within(EPS))
                .isCloseTo(0.000149480170224, within(EPS));
        assertThat(SignedRankTest.wilcoxon(x, y, Alternative.GREATER).pValue())
                .isCloseTo(0.000149480170224 / 2, within(EPS));
    }

    @Test
    void tiedAbsoluteDifferencesUseTheNormalApproximation() {
        TestResult r = SignedRankTest.wilcoxon(new double[]{1, 2, 3, 4, 5}, new double[]{0, 1, 2, 3, 1});
        // |d| = 1, 1, 1, 1, 4: ties -> normal approximation, W+ = 15
        assertThat(r.exact()).isFalse();
        assertThat(r.statistic()).isEqualTo(15.0);
    }

    @Test
    void invalidTestInputIsRejected() {
        assertThatThrownBy(() -> SignedRankTest.wilcoxon(new double[]{1, 2}, new double[]{1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x and y must pair up, got 2 and 1 values");
        assertThatThrownBy(() -> SignedRankTest.wilcoxon(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the signed-rank test needs at least one (x, y) pair");
        assertThatThrownBy(() -> SignedRankTest.wilcoxon(new double[]{Double.POSITIVE_INFINITY}, new double[]{1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pair 0 is not finite: x Infinity, y 1.0");
    }
}
