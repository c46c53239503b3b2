package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final double[] TREATED = {.62, .55, .71, .48, .66, .59, .70, .52, .64, .58};
    private static final double[] CONTROL = {.60, .50, .65, .50, .61, .55, .64, .53, .60, .50};

    @Test
    void theEstimateIsTheMeanPairedDifference() {
        // differences .02 .05 .06 -.02 .05 .04 .06 -.01 .04 .08; sum .37; mean .037
        Interval i = Bootstrap.pairedMeanDifference(TREATED, CONTROL, 2000, 7);
        assertThat(i.estimate()).isCloseTo(0.037, within(1e-9));
        assertThat(i.n()).isEqualTo(10);
        assertThat(i.resamples()).isEqualTo(2000);
        assertThat(i.seed()).isEqualTo(7);
    }

    @Test
    void theIntervalContainsTheEstimateAndLiesWithinTheObservedDifferences() {
        Interval i = Bootstrap.pairedMeanDifference(TREATED, CONTROL, 2000, 7);
        assertThat(i.contains(i.estimate())).isTrue();
        assertThat(i.lower()).isGreaterThanOrEqualTo(-0.02).isLessThan(i.estimate());
        assertThat(i.upper()).isLessThanOrEqualTo(0.08).isGreaterThan(i.estimate());
        assertThat(i.excludesZero()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedAnotherOne() {
        Interval a = Bootstrap.pairedMeanDifference(TREATED, CONTROL, 1000, 42);
        Interval b = Bootstrap.pairedMeanDifference(TREATED.clone(), CONTROL.clone(), 1000, 42);
        Interval c = Bootstrap.pairedMeanDifference(TREATED, CONTROL, 1000, 43);
        assertThat(b).isEqualTo(a);
        assertThat(c.estimate()).isEqualTo(a.estimate());
        assertThat(new double[]{c.lower(), c.upper()}).isNotEqualTo(new double[]{a.lower(), a.upper()});
    }

    @Test
    void theIntervalWidthMatchesTheNormalTheoryWidthOnALargeSample() {
        // d_i = (i mod 10) / 10 for 100 questions: mean .45, population sd sqrt(.285 - .2025) = sqrt(.0825);
        // bootstrap SE of the mean = sqrt(.0825 / 100) = 0.0287228; 95% half-width ~ 1.96 * SE = 0.0562967
        double[] treated = new double[100];
        double[] control = new double[100];
        for (int i = 0; i < 100; i++) {
            treated[i] = (i % 10) / 10.0;
        }
        Interval iv = Bootstrap.pairedMeanDifference(treated, control, 10_000, 2024);
        assertThat(iv.estimate()).isCloseTo(.45, within(1e-9));
        assertThat(iv.lower()).isCloseTo(.45 - 0.0562967, within(0.005));
        assertThat(iv.upper()).isCloseTo(.45 + 0.0562967, within(0.005));
    }

    @Test
    void constantDifferencesAndASingleQuestionGiveADegenerateInterval() {
        Interval constant = Bootstrap.pairedMeanDifference(new double[]{.5, .6, .7}, new double[]{.4, .5, .6}, 1000,
                1);
        assertThat(constant.lower()).isCloseTo(.1, within(1e-9));
        assertThat(constant.upper()).isCloseTo(.1, within(1e-9));
        Interval single = Bootstrap.pairedMeanDifference(new double[]{.9}, new double[]{.6}, 1000, 1);
        assertThat(single).isEqualTo(new Interval(.9 - .6, .9 - .6, .9 - .6, 1, 1000, 1));
    }

    @Test
    void invalidBootstrapInputIsRejected() {
        assertThatThrownBy(() -> Bootstrap.pairedMeanDifference(TREATED, CONTROL, 999, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the bootstrap needs at least 1000 resamples, got 999");
        assertThatThrownBy(() -> Bootstrap.pairedMeanDifference(new double[]{.1, .2}, new double[]{.1}, 1000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("treated and control must pair up question by question, got 2 and 1 values");
        assertThatThrownBy(() -> Bootstrap.pairedMeanDifference(new double[0], new double[0], 1000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the paired bootstrap needs at least one (treated, control) pair");
        assertThatThrownBy(() -> Bootstrap.pairedMeanDifference(new double[]{Double.NaN}, new double[]{.1}, 1000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pair 0 is not finite: treated NaN, control 0.1");
    }
}
