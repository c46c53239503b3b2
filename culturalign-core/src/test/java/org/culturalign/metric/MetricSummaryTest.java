package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    private static final double EPS = 1e-9;

    private static ProbeMetrics ordinal(double similarity, double wasserstein) {
        return new ProbeMetrics(Map.of(ProbeMetrics.SIMILARITY, similarity, ProbeMetrics.WASSERSTEIN, wasserstein));
    }

    private static ProbeMetrics nominal(double similarity) {
        return new ProbeMetrics(Map.of(ProbeMetrics.SIMILARITY, similarity));
    }

    @Test
    void eachMetricIsSummarisedOverTheProbesItAppliesTo() {
        // similarity over 3 probes: .2, .4, .6 -> mean .4, sd sqrt((.04 + 0 + .04) / 2) = .2
        // wasserstein over the 2 ordinal probes only: .1, .3 -> mean .2, sd sqrt((.01 + .01) / 1) = 0.141421356237310
        Map<String, Summary> s = MetricSummary.of(List.of(ordinal(.2, .1), nominal(.4), ordinal(.6, .3)));
        assertThat(s.keySet()).containsExactly(ProbeMetrics.SIMILARITY, ProbeMetrics.WASSERSTEIN);
        assertThat(s.get(ProbeMetrics.SIMILARITY).mean()).isCloseTo(.4, within(EPS));
        assertThat(s.get(ProbeMetrics.SIMILARITY).sd()).isCloseTo(.2, within(EPS));
        assertThat(s.get(ProbeMetrics.SIMILARITY).n()).isEqualTo(3);
        assertThat(s.get(ProbeMetrics.SIMILARITY).standardError()).isCloseTo(.2 / Math.sqrt(3), within(EPS));
        assertThat(s.get(ProbeMetrics.WASSERSTEIN).mean()).isCloseTo(.2, within(EPS));
        assertThat(s.get(ProbeMetrics.WASSERSTEIN).sd()).isCloseTo(0.141421356237310, within(EPS));
        assertThat(s.get(ProbeMetrics.WASSERSTEIN).n()).isEqualTo(2);
    }

    @Test
    void aSingleProbeHasSpreadZeroAndNoProbesGiveNoSummaries() {
        Summary one = MetricSummary.of(List.of(nominal(.7))).get(ProbeMetrics.SIMILARITY);
        assertThat(one).isEqualTo(new Summary(.7, 0, 1));
        assertThat(MetricSummary.of(List.of())).isEmpty();
    }

    @Test
    void rowsAreAggregatedOverAnyGroupingWithN() {
        GroupKey demo0 = GroupKey.of(GroupKey.MODEL, "demo", GroupKey.COUNTRY, "NGA", GroupKey.SHOTS, "0");
        GroupKey demo4 = GroupKey.of(GroupKey.MODEL, "demo", GroupKey.COUNTRY, "NGA", GroupKey.SHOTS, "4");
        GroupKey demo4b = GroupKey.of(GroupKey.MODEL, "demo", GroupKey.COUNTRY, "DEU", GroupKey.SHOTS, "4");
        List<Map.Entry<GroupKey, ProbeMetrics>> rows = List.of(Map.entry(demo0, nominal(.2)),
                Map.entry(demo4, nominal(.5)), Map.entry(demo4b, nominal(.7)), Map.entry(demo0, nominal(.4)));

        Map<GroupKey, GroupSummary> byShots = GroupedMetrics.by(rows, List.of(GroupKey.MODEL, GroupKey.SHOTS));
        assertThat(byShots.keySet()).containsExactly(GroupKey.of("model", "demo", "shots", "0"),
                GroupKey.of("model", "demo", "shots", "4"));
        // shots 0: .2, .4 -> mean .3; shots 4: .5, .7 -> mean .6
        GroupSummary zero = byShots.get(GroupKey.of("model", "demo", "shots", "0"));
        assertThat(zero.n()).isEqualTo(2);
        assertThat(zero.metrics().get(ProbeMetrics.SIMILARITY).mean()).isCloseTo(.3, within(EPS));
        assertThat(byShots.get(GroupKey.of("shots", "4", "model", "demo")).metrics().get(ProbeMetrics.SIMILARITY)
                .mean()).isCloseTo(.6, within(EPS));

        // any key type: here a record of the country alone
        record CountryKey(String country) {
        }
        Map<CountryKey, GroupSummary> byCountry = GroupedMetrics.aggregate(rows,
                r -> new CountryKey(r.getKey().get(GroupKey.COUNTRY)), Map.Entry::getValue);
        assertThat(byCountry.get(new CountryKey("NGA")).n()).isEqualTo(3);
        assertThat(byCountry.get(new CountryKey("DEU")).n()).isEqualTo(1);
    }

    @Test
    void groupingOnAMissingDimensionNamesTheOnesThere() {
        List<Map.Entry<GroupKey, ProbeMetrics>> rows = List.of(Map.entry(GroupKey.of("model", "demo"), nominal(.2)));
        assertThatThrownBy(() -> GroupedMetrics.by(rows, List.of("persona")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no dimension 'persona' in group key; it has [model]");
    }
}
