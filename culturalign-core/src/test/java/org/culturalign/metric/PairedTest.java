package org.culturalign.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedTest {
    @Test
    void onlyUnitsInBothConditionsArePairedInSortedOrder() {
        Map<String, Double> kShots = new LinkedHashMap<>();
        kShots.put("Q9", .9);
        kShots.put("Q1", .1);
        kShots.put("Q5", .5);
        Map<String, Double> zeroShots = Map.of("Q1", .0, "Q9", .8, "Q7", .7);
        Paired p = Paired.byKey(kShots, zeroShots);
        assertThat(p.keys()).containsExactly("Q1", "Q9");
        assertThat(p.treated()).containsExactly(.1, .9);
        assertThat(p.control()).containsExactly(.0, .8);
        assertThat(p.n()).isEqualTo(2);
    }

    @Test
    void theBootstrapOfPairedResultsDoesNotDependOnCollectionOrder() {
        Map<String, Double> a = new LinkedHashMap<>();
        Map<String, Double> b = new LinkedHashMap<>();
        for (String q : List.of("Q3", "Q1", "Q2", "Q4")) {
            a.put(q, q.charAt(1) / 10.0);
        }
        for (String q : List.of("Q4", "Q2", "Q1", "Q3")) {
            b.put(q, a.get(q));
        }
        Map<String, Double> control = Map.of("Q1", 4.8, "Q2", 5.1, "Q3", 5.0, "Q4", 5.0);
        Paired first = Paired.byKey(a, control);
        Paired second = Paired.byKey(b, control);
        assertThat(second).isEqualTo(first);
        assertThat(Bootstrap.pairedMeanDifference(second.treated(), second.control(), 1000, 3))
                .isEqualTo(Bootstrap.pairedMeanDifference(first.treated(), first.control(), 1000, 3));
    }
}
