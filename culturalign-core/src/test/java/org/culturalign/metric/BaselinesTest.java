package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.culturalign.survey.ScaleType;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final double EPS = 1e-9;

    @Test
    void theUniformDistributionGivesEveryOptionOneOverK() {
        assertThat(Baselines.uniform(4)).containsExactly(.25, .25, .25, .25);
        assertThat(Baselines.uniform(2)).containsExactly(.5, .5);
    }

    @Test
    void aUniformDistributionNeedsAtLeastTwoOptions() {
        assertThatThrownBy(() -> Baselines.uniform(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a distribution needs at least 2 options, got k = 1");
    }

    @Test
    void theGlobalBaselineIsTheUnweightedMeanOfTheOtherCountries() {
        // ((.2 + .6 + .1) / 3, (.8 + .4 + .9) / 3) = (.3, .7)
        double[] global = Baselines.global(List.of(new double[]{.2, .8}, new double[]{.6, .4}, new double[]{.1, .9}));
        assertThat(global).containsExactly(new double[]{.3, .7}, within(EPS));
        // ((1 + 0) / 2, (0 + .5) / 2, (0 + .5) / 2) = (.5, .25, .25)
        assertThat(Baselines.global(List.of(new double[]{1, 0, 0}, new double[]{0, .5, .5})))
                .containsExactly(new double[]{.5, .25, .25}, within(EPS));
    }

    @Test
    void theGlobalBaselineIsScoredLikeAModel() {
        // global (.5, .25, .25) against the country (.5, .25, .25) itself: distance 0, full agreement
        double[] global = Baselines.global(List.of(new double[]{1, 0, 0}, new double[]{0, .5, .5}));
        ProbeMetrics m = AlignmentMetrics.score(global, new double[]{.5, .25, .25}, ScaleType.ORDINAL, false,
                Double.NaN);
        assertThat(m.get(ProbeMetrics.JS_DISTANCE).getAsDouble()).isCloseTo(0.0, within(EPS));
        assertThat(m.get(ProbeMetrics.MAJORITY_MATCH)).hasValue(1.0);
    }

    @Test
    void theGlobalBaselineRejectsNoCountriesMixedScalesAndInvalidShares() {
        assertThatThrownBy(() -> Baselines.global(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the global baseline needs at least one other country with the item");
        assertThatThrownBy(() -> Baselines.global(List.of(new double[]{.5, .5}, new double[]{.2, .3, .5})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("all countries' distributions must have the same number of options: #0 has 2, #1 has 3");
        assertThatThrownBy(() -> Baselines.global(List.of(new double[]{.5, .5}, new double[]{.5, .6})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("distribution of other country #1 must sum to 1 within 1.0E-6");
    }
}
