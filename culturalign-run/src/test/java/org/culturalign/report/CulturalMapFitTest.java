package org.culturalign.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.survey.BundledSample;
import org.junit.jupiter.api.Test;

class CulturalMapFitTest {
    private static final Map<String, Map<String, CodedDistribution>> BUNDLED =
            CulturalMapSection.humanAnswers(BundledSample.load());

    @Test
    void theMapIsFittedOnEveryBundledCountryThatHasTheMapItemsAndAReferencePosition() {
        CulturalMapFit fit = CulturalMapFit.fit(BUNDLED, MapDimension.ALL, ReferencePositions.all()).orElseThrow();
        // the 19 countries of the WVS-7 shares with all map items; the 7 added from the 12-country file lack them
        assertThat(fit.countries()).hasSize(19).contains("DEU", "NGA", "USA", "CHN", "ZWE").doesNotContain("IRQ");
        assertThat(fit.looDistances()).hasSize(19);
        // the approximation is useful: LOO error well below the map's spread (about 1.3 units per axis)
        assertThat(fit.looRmse()).isLessThan(1.0);
    }

    @Test
    void answersEqualToACountrysDistributionsPlaceTheModelWithinTheLeaveOneOutErrorOfThatCountry() {
        CulturalMapFit fit = CulturalMapFit.fit(BUNDLED, MapDimension.ALL, ReferencePositions.all()).orElseThrow();
        for (String country : fit.countries()) {
            double[] placed = fit.place(BUNDLED.get(country)).orElseThrow();
            double d = ReferencePositions.all().get(country).distanceTo(placed[0], placed[1]);
            // in-sample residual never exceeds the leave-one-out residual (ridge: e_loo = e / (1 - h_ii))
            assertThat(d).as(country).isLessThanOrEqualTo(fit.looDistances().get(country) + 1e-12);
            assertThat(d).as(country).isLessThanOrEqualTo(Math.max(fit.looRmse(), fit.looDistances().get(country)));
        }
        // a country the substitute map captures well: Nigeria, placed within the fit's overall LOO error
        double[] nga = fit.place(BUNDLED.get("NGA")).orElseThrow();
        assertThat(ReferencePositions.all().get("NGA").distanceTo(nga[0], nga[1])).isLessThan(fit.looRmse());
    }

    @Test
    void anExactlyLinearWorldIsRecoveredUpToTheRidgeShrinkage() {
        // positions are a linear function of two dimensions: the fit must place a held-in country almost exactly
        Map<String, Map<String, CodedDistribution>> answers = new LinkedHashMap<>();
        Map<String, ReferencePositions.Position> ref = new LinkedHashMap<>();
        String[] names = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "III", "JJJ", "KKK", "LLL"};
        for (int i = 0; i < names.length; i++) {
            double trust = 0.05 + 0.07 * i;
            double god = (i * 7 % 12) / 11.0;
            Map<String, CodedDistribution> a = new LinkedHashMap<>();
            a.put("Q57", new CodedDistribution(new int[] {1, 2}, new double[] {trust, 1 - trust}));
            // mean position of Q164 on 1..10 equals god: all mass on the two codes around it
            double pos = 1 + 9 * god;
            int lo = (int) Math.floor(pos);
            int hi = Math.min(10, lo + 1);
            double wHi = pos - lo;
            a.put("Q164", new CodedDistribution(new int[] {lo, hi}, new double[] {1 - wHi, wHi}));
            answers.put(names[i], a);
            ref.put(names[i], new ReferencePositions.Position(3 * trust - 1, 1 - 2 * god, "test"));
        }
        List<MapDimension> dims = List.of(MapDimension.ALL.get(1), MapDimension.ALL.get(4));
        assertThat(dims.get(0).of(answers.get("BBB"))).isCloseTo(0.12, within(1e-12));
        assertThat(dims.get(1).of(answers.get("BBB"))).isCloseTo(7 / 11.0, within(1e-12));
        CulturalMapFit fit = CulturalMapFit.fit(answers, dims, ref).orElseThrow();
        assertThat(fit.looRmse()).isLessThan(0.2);
        double[] p = fit.place(answers.get("FFF")).orElseThrow();
        assertThat(ref.get("FFF").distanceTo(p[0], p[1])).isLessThan(0.15);
    }

    @Test
    void fewerThanFiveFittingCountriesGiveNoMap() {
        Map<String, Map<String, CodedDistribution>> four = new LinkedHashMap<>();
        BUNDLED.entrySet().stream().limit(4).forEach(e -> four.put(e.getKey(), e.getValue()));
        assertThat(CulturalMapFit.fit(four, MapDimension.ALL, ReferencePositions.all())).isEmpty();
    }

    @Test
    void dimensionsAreComputedFromMarginalsAsDocumented() {
        Map<String, CodedDistribution> a = new LinkedHashMap<>();
        a.put("Q254", new CodedDistribution(new int[] {1, 2, 3, 4, 5}, new double[] {0.4, 0.3, 0.1, 0.1, 0.1}));
        a.put("Q154", new CodedDistribution(new int[] {1, 2, 3, 4}, new double[] {0.4, 0.3, 0.2, 0.1}));
        a.put("Q155", new CodedDistribution(new int[] {1, 2, 3, 4}, new double[] {0.1, 0.2, 0.3, 0.4}));
        for (String q : List.of("Q8", "Q14", "Q15", "Q17")) {
            double mentioned = Map.of("Q8", 0.8, "Q14", 0.3, "Q15", 0.6, "Q17", 0.5).get(q);
            a.put(q, new CodedDistribution(new int[] {1, 2}, new double[] {mentioned, 1 - mentioned}));
        }
        // pride: code 5 ("not a national") dropped: (0.3*1/3 + 0.1*2/3 + 0.1*1) / 0.9
        assertThat(MapDimension.ALL.get(7).of(a)).isCloseTo((0.1 + 0.2 / 3 + 0.1) / 0.9, within(1e-12));
        // post-materialist aims: ((0.3 + 0.1) + (0.2 + 0.4)) / 2
        assertThat(MapDimension.ALL.get(8).of(a)).isCloseTo(0.5, within(1e-12));
        // autonomy: 0.6 + 0.5 - 0.8 - 0.3
        assertThat(MapDimension.ALL.get(9).of(a)).isCloseTo(0.0, within(1e-12));
        assertThat(MapDimension.ALL.get(0).of(a)).isNaN();
    }
}
