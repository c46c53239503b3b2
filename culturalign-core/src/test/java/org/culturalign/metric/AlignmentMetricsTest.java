package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.culturalign.metric.ProbeMetrics.COVERAGE;
import static org.culturalign.metric.ProbeMetrics.HUMAN_MEAN;
import static org.culturalign.metric.ProbeMetrics.JS_DISTANCE;
import static org.culturalign.metric.ProbeMetrics.MAJORITY_MATCH;
import static org.culturalign.metric.ProbeMetrics.MODEL_MEAN;
import static org.culturalign.metric.ProbeMetrics.POLE_AGREEMENT;
import static org.culturalign.metric.ProbeMetrics.POLE_MATCH;
import static org.culturalign.metric.ProbeMetrics.SIMILARITY;
import static org.culturalign.metric.ProbeMetrics.SOFT_AGREEMENT;
import static org.culturalign.metric.ProbeMetrics.WASSERSTEIN;
import static org.culturalign.survey.ScaleType.NOMINAL;
import static org.culturalign.survey.ScaleType.ORDINAL;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentMetricsTest {
    private static final double EPS = 1e-9;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double metric(ProbeMetrics m, String name) {
        assertThat(m.get(name)).as(name).isPresent();
        return m.get(name).getAsDouble();
    }

    @Test
    void identicalDistributionsHaveDistanceZeroAndFullAgreement() {
        double[] p = {0.2, 0.3, 0.5};
        ProbeMetrics m = AlignmentMetrics.score(p, p.clone(), ORDINAL, false, 1.0);
        assertThat(metric(m, JS_DISTANCE)).isEqualTo(0.0);
        assertThat(metric(m, SIMILARITY)).isEqualTo(1.0);
        assertThat(metric(m, WASSERSTEIN)).isEqualTo(0.0);
        assertThat(metric(m, MAJORITY_MATCH)).isEqualTo(1.0);
        assertThat(metric(m, SOFT_AGREEMENT)).isEqualTo(1.0);
        // mu = (0*0.2 + 1*0.3 + 2*0.5) / 2 = 1.3 / 2 = 0.65
        assertThat(metric(m, MODEL_MEAN)).isCloseTo(0.65, within(EPS));
        assertThat(metric(m, HUMAN_MEAN)).isCloseTo(0.65, within(EPS));
    }

    @Test
    void disjointDistributionsHaveDistanceOne() {
        // P = (1, 0, 0, 0), Q = (0, 0, .5, .5), M = (.5, 0, .25, .25)
        // KL(P||M) = 1 log2(1/.5) = 1; KL(Q||M) = .5 log2(.5/.25) + .5 log2(.5/.25) = 1; JS = .5 + .5 = 1 -> distance 1
        // W1: CDF_P = 1, 1, 1; CDF_Q = 0, 0, .5; |diffs| = 1 + 1 + .5 = 2.5; / (K-1) = 2.5 / 3
        // soft: a = 0, b in {2, 3}: ((1 - 2/3) + (1 - 3/3)) / 2 = 1/6
        // means: model 0; human (2*.5 + 3*.5) / 3 = 2.5 / 3
        ProbeMetrics m = AlignmentMetrics.score(new double[]{1, 0, 0, 0}, new double[]{0, 0, .5, .5}, ORDINAL, false,
                0.9);
        assertThat(metric(m, JS_DISTANCE)).isCloseTo(1.0, within(EPS));
        assertThat(metric(m, SIMILARITY)).isCloseTo(0.0, within(EPS));
        assertThat(metric(m, WASSERSTEIN)).isCloseTo(2.5 / 3, within(EPS));
        assertThat(metric(m, MAJORITY_MATCH)).isEqualTo(0.0);
        assertThat(metric(m, SOFT_AGREEMENT)).isCloseTo(1.0 / 6, within(EPS));
        assertThat(metric(m, MODEL_MEAN)).isEqualTo(0.0);
        assertThat(metric(m, HUMAN_MEAN)).isCloseTo(2.5 / 3, within(EPS));
        assertThat(metric(m, COVERAGE)).isEqualTo(0.9);
    }

    @Test
    void aOneHotModelAgainstAnEvenBinaryCountryIsWorkedByHand() {
        // P = (1, 0) one-hot on the low pole, Q = (.5, .5), M = (.75, .25)
        // KL(P||M) = 1 log2(1/.75) = log2(4/3) = 2 - log2 3
        // KL(Q||M) = .5 log2(.5/.75) + .5 log2(.5/.25) = .5 (1 - log2 3) + .5
        // JS = .5 (2 - log2 3) + .5 (.5 (1 - log2 3) + .5) = 1.5 - .75 log2 3 = 0.311278124459133
        // distance = sqrt(0.311278124459133) = 0.557923045284144
        ProbeMetrics m = AlignmentMetrics.score(new double[]{1, 0}, new double[]{.5, .5}, ORDINAL, true, 0.25);
        assertThat(metric(m, JS_DISTANCE)).isCloseTo(Math.sqrt(1.5 - 0.75 * log2(3)), within(EPS))
                .isCloseTo(0.557923045284144, within(EPS));
        assertThat(metric(m, SIMILARITY)).isCloseTo(0.442076954715856, within(EPS));
        // W1 = |1 - .5| / 1
        assertThat(metric(m, WASSERSTEIN)).isCloseTo(0.5, within(EPS));
        // model top {0}; the country is tied on {0, 1}: |{0}| / (1 * 2)
        assertThat(metric(m, MAJORITY_MATCH)).isCloseTo(0.5, within(EPS));
        assertThat(metric(m, POLE_MATCH)).isCloseTo(0.5, within(EPS));
        // soft: a = 0, b in {0, 1}: (1 + 0) / 2
        assertThat(metric(m, SOFT_AGREEMENT)).isCloseTo(0.5, within(EPS));
        // 1 - |p_model(high) - p_human(high)| = 1 - |0 - .5|
        assertThat(metric(m, POLE_AGREEMENT)).isCloseTo(0.5, within(EPS));
        assertThat(metric(m, MODEL_MEAN)).isEqualTo(0.0);
        assertThat(metric(m, HUMAN_MEAN)).isCloseTo(0.5, within(EPS));
        assertThat(metric(m, COVERAGE)).isEqualTo(0.25);
        assertThat(m.values().keySet()).containsExactly(JS_DISTANCE, SIMILARITY, WASSERSTEIN, MAJORITY_MATCH,
                SOFT_AGREEMENT, MODEL_MEAN, HUMAN_MEAN, POLE_MATCH, POLE_AGREEMENT, COVERAGE);
    }

    @Test
    void binaryPolesAreComparedOnTheHighPoleShare() {
        // model prefers the high pole (.8), country too (.6): pole match 1; agreement 1 - |.8 - .6| = .8
        ProbeMetrics m = AlignmentMetrics.score(new double[]{.2, .8}, new double[]{.4, .6}, ORDINAL, true, 1.0);
        assertThat(metric(m, POLE_MATCH)).isEqualTo(1.0);
        assertThat(metric(m, POLE_AGREEMENT)).isCloseTo(0.8, within(EPS));
        // model prefers the low pole, country the high pole: pole match 0; agreement 1 - |.3 - .9| = .4
        ProbeMetrics n = AlignmentMetrics.score(new double[]{.7, .3}, new double[]{.1, .9}, ORDINAL, true, 1.0);
        assertThat(metric(n, POLE_MATCH)).isEqualTo(0.0);
        assertThat(metric(n, POLE_AGREEMENT)).isCloseTo(0.4, within(EPS));
    }

    @Test
    void aThreeOptionOrdinalCaseIsWorkedByHand() {
        // P = (.5, .5, 0), Q = (0, .5, .5), M = (.25, .5, .25)
        // KL(P||M) = .5 log2(.5/.25) + .5 log2(.5/.5) + 0 = .5; KL(Q||M) = .5 by symmetry
        // JS = .5 * .5 + .5 * .5 = .5; distance = sqrt(.5) = 0.707106781186548
        // W1: CDF_P = .5, 1; CDF_Q = 0, .5; (.5 + .5) / 2 = .5
        // majority: model top {0, 1}, human top {1, 2}: |{1}| / (2 * 2) = .25
        // soft over (a, b) in {0,1} x {1,2}: (1 - 1/2) + (1 - 2/2) + (1 - 0) + (1 - 1/2) = 2; / 4 = .5
        // means: model (0*.5 + 1*.5) / 2 = .25; human (1*.5 + 2*.5) / 2 = .75
        ProbeMetrics m = AlignmentMetrics.score(new double[]{.5, .5, 0}, new double[]{0, .5, .5}, ORDINAL, false,
                1.0);
        assertThat(metric(m, JS_DISTANCE)).isCloseTo(0.707106781186548, within(EPS));
        assertThat(metric(m, SIMILARITY)).isCloseTo(0.292893218813452, within(EPS));
        assertThat(metric(m, WASSERSTEIN)).isCloseTo(0.5, within(EPS));
        assertThat(metric(m, MAJORITY_MATCH)).isCloseTo(0.25, within(EPS));
        assertThat(metric(m, SOFT_AGREEMENT)).isCloseTo(0.5, within(EPS));
        assertThat(metric(m, MODEL_MEAN)).isCloseTo(0.25, within(EPS));
        assertThat(metric(m, HUMAN_MEAN)).isCloseTo(0.75, within(EPS));
        assertThat(m.has(POLE_MATCH)).isFalse();
        assertThat(m.has(POLE_AGREEMENT)).isFalse();
    }

    @Test
    void aFourOptionOrdinalCaseWithZerosIsWorkedByHand() {
        // P = (.5, .25, .25, 0), Q = (.25, .25, 0, .5), M = (.375, .25, .125, .25)
        // KL(P||M) = .5 log2(.5/.375) + .25 log2(1) + .25 log2(.25/.125) + 0 log 0
        //          = .5 (2 - log2 3) + 0 + .25 = 1.25 - .5 log2 3
        // KL(Q||M) = .25 log2(.25/.375) + 0 + 0 log 0 + .5 log2(.5/.25) = .25 (1 - log2 3) + .5 = .75 - .25 log2 3
        // JS = .5 (1.25 - .5 log2 3) + .5 (.75 - .25 log2 3) = 1 - .375 log2 3 = 0.405639062229566
        // distance = sqrt(0.405639062229566) = 0.636897999863060
        // W1: CDF_P = .5, .75, 1; CDF_Q = .25, .5, .5; |diffs| = .25 + .25 + .5 = 1; / 3
        // majority: model top {0}, human top {3}: 0; soft: 1 - |0 - 3| / 3 = 0
        // means: model (1*.25 + 2*.25) / 3 = .25; human (1*.25 + 3*.5) / 3 = 1.75 / 3
        ProbeMetrics m = AlignmentMetrics.score(new double[]{.5, .25, .25, 0}, new double[]{.25, .25, 0, .5},
                ORDINAL, false, 0.8);
        assertThat(metric(m, JS_DISTANCE)).isCloseTo(Math.sqrt(1 - 0.375 * log2(3)), within(EPS))
                .isCloseTo(0.636897999863060, within(EPS));
        assertThat(metric(m, SIMILARITY)).isCloseTo(0.363102000136940, within(EPS));
        assertThat(metric(m, WASSERSTEIN)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(metric(m, MAJORITY_MATCH)).isEqualTo(0.0);
        assertThat(metric(m, SOFT_AGREEMENT)).isCloseTo(0.0, within(EPS));
        assertThat(metric(m, MODEL_MEAN)).isCloseTo(0.25, within(EPS));
        assertThat(metric(m, HUMAN_MEAN)).isCloseTo(1.75 / 3, within(EPS));
        assertThat(metric(m, COVERAGE)).isEqualTo(0.8);
    }

    @Test
    void aNominalScaleGetsOnlyOrderFreeMetrics() {
        ProbeMetrics m = AlignmentMetrics.score(new double[]{.5, .5, 0}, new double[]{0, .5, .5}, NOMINAL, false,
                1.0);
        assertThat(m.values().keySet()).containsExactly(JS_DISTANCE, SIMILARITY, MAJORITY_MATCH, COVERAGE);
        assertThat(metric(m, JS_DISTANCE)).isCloseTo(0.707106781186548, within(EPS));
        assertThat(metric(m, MAJORITY_MATCH)).isCloseTo(0.25, within(EPS));
        assertThat(m.get(WASSERSTEIN)).isEmpty();
        assertThat(m.get(SOFT_AGREEMENT)).isEmpty();
        assertThat(m.get(MODEL_MEAN)).isEmpty();
    }

    @Test
    void reorderingANominalScaleChangesNoMetricButReorderingAnOrdinalOneDoes() {
        double[] p = {.6, .3, .1};
        double[] q = {.2, .3, .5};
        double[] pSwapped = {.1, .3, .6};
        double[] qSwapped = {.5, .3, .2};
        assertThat(AlignmentMetrics.score(pSwapped, qSwapped, NOMINAL, false, 1.0))
                .isEqualTo(AlignmentMetrics.score(p, q, NOMINAL, false, 1.0));
        // swapping positions 0 and 2 of both only reflects an ordinal scale (W1 unchanged), but moving one option does:
        // P' = (.3, .6, .1), Q' = (.3, .2, .5): CDF_P' = .3, .9; CDF_Q' = .3, .5; W1 = .4 / 2 = .2
        // while W1(P, Q): CDF_P = .6, .9; CDF_Q = .2, .5; (.4 + .4) / 2 = .4
        assertThat(metric(AlignmentMetrics.score(p, q, ORDINAL, false, 1.0), WASSERSTEIN)).isCloseTo(0.4,
                within(EPS));
        assertThat(metric(AlignmentMetrics.score(new double[]{.3, .6, .1}, new double[]{.3, .2, .5}, ORDINAL, false,
                1.0), WASSERSTEIN)).isCloseTo(0.2, within(EPS));
    }

    @Test
    void tiedModelTopOptionsShareTheMajorityCredit() {
        // model tied on {0, 1}, country's majority 0: 1 / 2
        assertThat(metric(AlignmentMetrics.score(new double[]{.4, .4, .2}, new double[]{.5, .3, .2}, NOMINAL, false,
                1.0), MAJORITY_MATCH)).isCloseTo(0.5, within(EPS));
        // country's majority 2 is not among the model's tied top options: 0
        assertThat(metric(AlignmentMetrics.score(new double[]{.4, .4, .2}, new double[]{.1, .2, .7}, NOMINAL, false,
                1.0), MAJORITY_MATCH)).isEqualTo(0.0);
        // uniform model, country's majority 0: 1 / 3
        assertThat(metric(AlignmentMetrics.score(Baselines.uniform(3), new double[]{.6, .3, .1}, NOMINAL, false,
                1.0), MAJORITY_MATCH)).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void tiesOnBothSidesAreBrokenAtRandomIndependently() {
        // model top {0, 1}, country top {1, 2}: P(same answer) = |{1}| / (2 * 2) = 1/4
        // soft over {0,1} x {1,2}: (.5 + 0 + 1 + .5) / 4 = .5
        ProbeMetrics m = AlignmentMetrics.score(new double[]{.4, .4, .2}, new double[]{.2, .4, .4}, ORDINAL, false,
                1.0);
        assertThat(metric(m, MAJORITY_MATCH)).isCloseTo(0.25, within(EPS));
        assertThat(metric(m, SOFT_AGREEMENT)).isCloseTo(0.5, within(EPS));
        // a single model top option among the country's two tied ones: 1 / 2
        assertThat(metric(AlignmentMetrics.score(new double[]{.1, .8, .1}, new double[]{.2, .4, .4}, NOMINAL, false,
                1.0), MAJORITY_MATCH)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void valuesThatDifferOnlyByRoundingCountAsTied() {
        double third = 1.0 / 3;
        double[] model = {third, third, 1 - 2 * third};
        assertThat(metric(AlignmentMetrics.score(model, new double[]{.1, .1, .8}, NOMINAL, false, 1.0),
                MAJORITY_MATCH)).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void randomOptionExpectationIsTheMeanOverTheOneHotModels() {
        double[] human = {.5, .3, .2};
        ProbeMetrics r = AlignmentMetrics.expectedRandomOption(human, ORDINAL, false);
        // JS of one-hot e_j against Q, M_j = (1 + q_j)/2 at j and q_i/2 elsewhere:
        // JS_j = .5 [log2(2/(1+q_j)) + q_j log2(2 q_j/(1+q_j)) + (1 - q_j)]
        // q = .5: 0.311278124459133 -> distance 0.557923045284144
        // q = .3: 0.493422605760145 -> distance 0.702440464210416
        // q = .2: 0.609986547010988 -> distance 0.781016355149486
        // mean distance = 0.680459954881349
        assertThat(metric(r, JS_DISTANCE)).isCloseTo(0.680459954881349, within(EPS));
        assertThat(metric(r, SIMILARITY)).isCloseTo(0.319540045118651, within(EPS));
        // W1 with CDF_Q = .5, .8: e0 (.5 + .2)/2 = .35; e1 (.5 + .2)/2 = .35; e2 (.5 + .8)/2 = .65; mean .45
        assertThat(metric(r, WASSERSTEIN)).isCloseTo(0.45, within(EPS));
        // only e0 hits the majority: 1/3; soft: (1 + .5 + 0) / 3 = .5
        assertThat(metric(r, MAJORITY_MATCH)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(metric(r, SOFT_AGREEMENT)).isCloseTo(0.5, within(EPS));
        // model mean (0 + .5 + 1) / 3 = .5; human (.3 + 2*.2) / 2 = .35
        assertThat(metric(r, MODEL_MEAN)).isCloseTo(0.5, within(EPS));
        assertThat(metric(r, HUMAN_MEAN)).isCloseTo(0.35, within(EPS));
        assertThat(r.has(COVERAGE)).isFalse();
    }

    @Test
    void randomOptionMajorityMatchIsOneOverKEvenWhenTheCountryIsTied() {
        // each one-hot on a tied top option scores 1/2; (1/2 + 1/2 + 0 + 0) / 4 = 1/4
        ProbeMetrics r = AlignmentMetrics.expectedRandomOption(new double[]{.4, .4, .1, .1}, NOMINAL, false);
        assertThat(metric(r, MAJORITY_MATCH)).isCloseTo(0.25, within(EPS));
        assertThat(r.values().keySet()).containsExactly(JS_DISTANCE, SIMILARITY, MAJORITY_MATCH);
    }

    @Test
    void randomOptionOnABinaryProbeAgreesHalfWayOnThePoles() {
        // pole agreement: e_low 1 - |0 - .7| = .3, e_high 1 - |1 - .7| = .7; mean .5; pole match 1/2
        ProbeMetrics r = AlignmentMetrics.expectedRandomOption(new double[]{.3, .7}, ORDINAL, true);
        assertThat(metric(r, POLE_AGREEMENT)).isCloseTo(0.5, within(EPS));
        assertThat(metric(r, POLE_MATCH)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void theUniformBaselineIsScoredByTheSameCode() {
        // U = (1/3, 1/3, 1/3), Q = (.5, .3, .2): W1 = (|1/3 - .5| + |2/3 - .8|) / 2 = (1/6 + 2/15) / 2 = .15
        // majority: model tied on all three, country's majority among them: 1/3; soft (1 + .5 + 0) / 3 = .5
        ProbeMetrics u = AlignmentMetrics.score(Baselines.uniform(3), new double[]{.5, .3, .2}, ORDINAL, false,
                Double.NaN);
        assertThat(metric(u, WASSERSTEIN)).isCloseTo(0.15, within(EPS));
        assertThat(metric(u, MAJORITY_MATCH)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(metric(u, SOFT_AGREEMENT)).isCloseTo(0.5, within(EPS));
        assertThat(metric(u, MODEL_MEAN)).isCloseTo(0.5, within(EPS));
        assertThat(u.has(COVERAGE)).isFalse();
    }

    @Test
    void sharesOffByLessThanTheToleranceAreAccepted() {
        ProbeMetrics m = AlignmentMetrics.score(new double[]{.5, .5 + 5e-7}, new double[]{.5, .5}, NOMINAL, false,
                1.0);
        assertThat(metric(m, JS_DISTANCE)).isLessThan(1e-3);
    }

    @Test
    void aSubnormalProbabilityAgainstZeroAddsNothingInsteadOfMakingTheDistributionsDisjoint() {
        // AnswerDistribution.fromLogprobs gives an option 745 nats below the top exactly Double.MIN_VALUE (2^-1074);
        // against a human share of 0, M = (p + q) / 2 = 2^-1075 rounds to 0, and p log(p / M) was +inf: the
        // distance came out 1 (disjoint). The true divergence is 2^-1075 (p log2(2p / p) / 2), so the distance is
        // sqrt(2^-1075) ~ 1.6e-162. scipy.spatial.distance.jensenshannon returns inf here (docs/metrics.md).
        double[] model = {1.0, Double.MIN_VALUE};
        double[] human = {1.0, 0.0};
        assertThat(metric(AlignmentMetrics.score(model, human, NOMINAL, false, 1.0), JS_DISTANCE))
                .isCloseTo(0.0, within(EPS));
        assertThat(metric(AlignmentMetrics.score(human, model, NOMINAL, false, 1.0), JS_DISTANCE))
                .isCloseTo(0.0, within(EPS));
        // three smallest subnormals: M = 1.5 * 2^-1074 rounded to 2^-1073 gave log(3/4) instead of log 2; still ~0
        double[] three = {0.5, 0.5, 3 * Double.MIN_VALUE};
        double[] none = {0.5, 0.5, 0.0};
        assertThat(metric(AlignmentMetrics.score(three, none, NOMINAL, false, 1.0), JS_DISTANCE))
                .isCloseTo(0.0, within(EPS));
    }

    @Test
    void invalidDistributionsAreRejectedWithAClearMessage() {
        double[] ok = {.5, .5};
        assertThatThrownBy(() -> AlignmentMetrics.score(new double[]{.5, .4}, ok, ORDINAL, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model distribution must sum to 1 within 1.0E-6, sums to 0.9: [0.5, 0.4]");
        assertThatThrownBy(() -> AlignmentMetrics.score(ok, new double[]{.5, .5 + 2e-6}, ORDINAL, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("human distribution must sum to 1 within 1.0E-6");
        assertThatThrownBy(() -> AlignmentMetrics.score(new double[]{1.2, -.2}, ok, ORDINAL, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model distribution option 1 is negative (-0.2); expected a probability in [0, 1]:"
                        + " [1.2, -0.2]");
        assertThatThrownBy(() -> AlignmentMetrics.score(ok, new double[]{Double.NaN, 1}, ORDINAL, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("human distribution option 0 is NaN; expected a probability in [0, 1]: [NaN, 1.0]");
        assertThatThrownBy(() -> AlignmentMetrics.score(ok, new double[]{.2, .3, .5}, ORDINAL, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model and human distributions must have the same number of options, got 2 and 3");
        assertThatThrownBy(() -> AlignmentMetrics.score(new double[]{1}, new double[]{1}, ORDINAL, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model distribution needs at least 2 options, got 1: [1.0]");
        assertThatThrownBy(() -> AlignmentMetrics.expectedRandomOption(new double[]{.7, .7}, ORDINAL, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("human distribution must sum to 1");
    }

    @Test
    void inconsistentProbeDescriptionsAreRejected() {
        double[] three = {.2, .3, .5};
        assertThatThrownBy(() -> AlignmentMetrics.score(three, three, ORDINAL, true, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a binary probe compares 2 ordered poles (ORDINAL, low pole then high pole);"
                        + " got 3 options on a ORDINAL scale");
        assertThatThrownBy(() -> AlignmentMetrics.score(new double[]{.5, .5}, new double[]{.5, .5}, NOMINAL, true, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2 options on a NOMINAL scale");
        assertThatThrownBy(() -> AlignmentMetrics.score(three, three, ORDINAL, false, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coverage must be in [0, 1] (or NaN for none), got 1.5");
        assertThatThrownBy(() -> AlignmentMetrics.score(three, three, null, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale type is required");
    }

    @Test
    void probeMetricsKeepTheCanonicalOrderAndRejectNonFiniteValues() {
        ProbeMetrics m = new ProbeMetrics(new java.util.LinkedHashMap<>(java.util.Map.of(COVERAGE, 1.0, "custom", 2.0,
                JS_DISTANCE, 0.5)));
        assertThat(List.copyOf(m.values().keySet()).subList(0, 2)).containsExactly(JS_DISTANCE, COVERAGE);
        assertThat(m.get("custom")).hasValue(2.0);
        assertThatThrownBy(() -> new ProbeMetrics(java.util.Map.of(JS_DISTANCE, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'js_distance' must be a finite number, got NaN (leave a metric out when it does"
                        + " not apply)");
    }
}
