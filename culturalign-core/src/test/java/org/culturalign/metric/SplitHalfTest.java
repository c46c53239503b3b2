package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleBiFunction;
import org.culturalign.survey.ScaleType;
import org.junit.jupiter.api.Test;

class SplitHalfTest {
    /** The model's similarity, 1 - JSD (log 2), by the code path a model's answer goes through. */
    private static final ToDoubleBiFunction<double[], double[]> SIMILARITY = (a, b) -> AlignmentMetrics.score(a, b,
            ScaleType.ORDINAL, false, Double.NaN).get(ProbeMetrics.SIMILARITY).orElseThrow();

    @Test
    void threeAgainstOneGivesTheSameSimilarityOnEverySplit() {
        // n = 4, counts (3, 1): half A is (2, 0) with P = 3/6 (then B = (1, 1)) or (1, 1) with P = 3/6 (then
        // B = (2, 0)); either way 1 - JSD([1, 0], [.5, .5]) = 0.4420769547158562
        // (scipy: 1 - jensenshannon([1, 0], [.5, .5], base=2))
        for (long seed : new long[]{1, 2, 99}) {
            SplitHalf.Ceiling c = SplitHalf.agreement(new long[]{3, 1}, 50, seed, SIMILARITY);
            assertThat(c.mean()).isCloseTo(0.4420769547158562, within(1e-12));
            assertThat(c.sd()).isCloseTo(0, within(1e-12));
            assertThat(c.lower()).isCloseTo(0.4420769547158562, within(1e-12));
            assertThat(c.upper()).isCloseTo(0.4420769547158562, within(1e-12));
            assertThat(c.splits()).isEqualTo(50);
            assertThat(c.used()).isEqualTo(50);
            assertThat(c.respondents()).isEqualTo(4);
        }
    }

    @Test
    void twoRespondentsWhoDisagreeNeverAgree() {
        // n = 2, counts (1, 1): the halves are always [1, 0] and [0, 1]: disjoint, similarity 0
        SplitHalf.Ceiling c = SplitHalf.agreement(new long[]{1, 1}, 20, 5, SIMILARITY);
        assertThat(c.mean()).isEqualTo(0.0);
        assertThat(c.upper()).isEqualTo(0.0);
    }

    @Test
    void twoAgainstTwoAgreesFullyTwoThirdsOfTheTime() {
        // n = 4, counts (2, 2): A = (1, 1) with P = C(2,1)C(2,1)/C(4,2) = 4/6 (B = (1, 1), similarity 1); A = (2, 0)
        // or (0, 2) with P = 1/6 each (B the opposite, similarity 0): expectation 2/3; 30,000 splits: standard
        // error sqrt((2/9) / 30000) = 0.0027, tolerance 4.4 of them
        SplitHalf.Ceiling c = SplitHalf.agreement(new long[]{2, 2}, 30_000, 11, SIMILARITY);
        assertThat(c.mean()).isCloseTo(2.0 / 3, within(0.012));
        // the sample SD of a 0/1 variable with mean 2/3 is sqrt(2/9) = 0.4714
        assertThat(c.sd()).isCloseTo(Math.sqrt(2.0 / 9), within(0.005));
        assertThat(c.lower()).isEqualTo(0.0);
        assertThat(c.upper()).isEqualTo(1.0);
    }

    @Test
    void anOddCountGivesTheSecondHalfTheExtraRespondent() {
        // n = 3, counts (2, 1): half A has 1 respondent, B 2. A = (1, 0) with P = 2/3 (B = (1, 1): 0.44207695...),
        // A = (0, 1) with P = 1/3 (B = (2, 0): 0): expectation 2/3 * 0.4420769547158562 = 0.2947179698105708
        SplitHalf.Ceiling c = SplitHalf.agreement(new long[]{2, 1}, 30_000, 3, SIMILARITY);
        // per-split values are 0 or 0.442: SD of the mean 0.442 * sqrt(2/9 / 30000) = 0.0012
        assertThat(c.mean()).isCloseTo(0.2947179698105708, within(0.006));
    }

    @Test
    void theSameSeedGivesTheSameCeilingAndAnotherSeedAnotherOne() {
        long[] counts = {40, 25, 20, 15};
        SplitHalf.Ceiling a = SplitHalf.agreement(counts, 200, 42, SIMILARITY);
        SplitHalf.Ceiling b = SplitHalf.agreement(counts.clone(), 200, 42, SIMILARITY);
        SplitHalf.Ceiling c = SplitHalf.agreement(counts, 200, 43, SIMILARITY);
        assertThat(b).isEqualTo(a);
        assertThat(c.mean()).isNotEqualTo(a.mean());
        assertThat(a.mean()).isBetween(a.lower(), a.upper());
    }

    @Test
    void splitsOnWhichTheMetricIsUndefinedAreLeftOutAndCounted() {
        // NaN for every split in which half A has option 0's only respondent
        SplitHalf.Ceiling c = SplitHalf.agreement(new long[]{1, 1}, 1000, 8, (a, b) -> a[0] == 1 ? Double.NaN : 0.5);
        assertThat(c.used()).isBetween(400, 600);
        assertThat(c.mean()).isEqualTo(0.5);
        SplitHalf.Ceiling none = SplitHalf.agreement(new long[]{1, 1}, 10, 8, (a, b) -> Double.NaN);
        assertThat(none.used()).isZero();
        assertThat(none.mean()).isNaN();
    }

    @Test
    void countsAreRebuiltFromRoundedSharesByTheLargestRemainder() {
        // 1/3 and 2/3 of 3, rounded to 5 decimals
        assertThat(SplitHalf.countsFromShares(new double[]{0.33333, 0.66667}, 3)).containsExactly(1, 2);
        // 0.5 * 3 = 1.5 each: floors 1, 1; the one left goes to the first of the tied remainders
        assertThat(SplitHalf.countsFromShares(new double[]{0.5, 0.5}, 3)).containsExactly(2, 1);
        // 1234 respondents: 617 / 370 / 247 = 0.5, 0.29984 (0.2998), 0.20016 (0.2002) rounded to 4 decimals
        assertThat(SplitHalf.countsFromShares(new double[]{0.5, 0.2998, 0.2002}, 1234)).containsExactly(617, 370, 247);
        assertThat(SplitHalf.countsFromShares(new double[]{0.2, 0.8}, 0)).containsExactly(0, 0);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SplitHalf.agreement(new long[]{1, 0}, 10, 1, SIMILARITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");
        assertThatThrownBy(() -> SplitHalf.agreement(new long[]{3, -1}, 10, 1, SIMILARITY))
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SplitHalf.agreement(new long[]{3}, 10, 1, SIMILARITY))
                .hasMessageContaining("at least 2 options");
        assertThatThrownBy(() -> SplitHalf.agreement(new long[]{3, 3}, 0, 1, SIMILARITY))
                .hasMessageContaining("at least 1 split");
        assertThatThrownBy(() -> SplitHalf.countsFromShares(new double[]{0.5, 0.4}, 10))
                .hasMessageContaining("sum to 0.9");
        assertThatThrownBy(() -> SplitHalf.countsFromShares(new double[]{0.5, 0.5}, -1))
                .hasMessageContaining(">= 0");
    }
}
