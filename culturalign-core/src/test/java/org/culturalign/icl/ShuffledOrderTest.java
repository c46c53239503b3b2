package org.culturalign.icl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

class ShuffledOrderTest {
    private final SurveyData data = BundledSample.load();

    private SelectionRequest request(String test, long seed) {
        return new SelectionRequest(data, data.requireQuestion(test), new Country("DEU"), "en", 5, seed, true);
    }

    @Test
    void anOrderVariantShowsTheSameQuestionsInAnotherSeededOrder() {
        DemonstrationSelector base = DemonstrationSelectors.byName("chrf");
        DemonstrationSelector one = DemonstrationSelectors.byName("chrf@order1");
        DemonstrationSelector two = DemonstrationSelectors.byName("CHRF@order2");
        assertThat(one.name()).isEqualTo("chrf@order1");
        assertThat(two.name()).isEqualTo("chrf@order2");
        Set<List<String>> orders = new HashSet<>();
        for (String q : List.of("Q46", "Q57", "Q164", "Q1", "Q8")) {
            List<String> b = base.select(request(q, 1234)).questionIds();
            List<String> o1 = one.select(request(q, 1234)).questionIds();
            List<String> o2 = two.select(request(q, 1234)).questionIds();
            assertThat(o1).containsExactlyInAnyOrderElementsOf(b);
            assertThat(o2).containsExactlyInAnyOrderElementsOf(b);
            // deterministic: the same request, the same order
            assertThat(one.select(request(q, 1234)).questionIds()).isEqualTo(o1);
            orders.add(o1);
            orders.add(o2);
            orders.add(b);
        }
        // 5 test items x 3 orders: with 5! = 120 orders each, all 15 coinciding in pairs would be a broken shuffle
        assertThat(orders.size()).isGreaterThan(10);
    }

    @Test
    void namesAreParsedAndAnOrderBelowOneIsRefused() {
        assertThat(ShuffledOrder.parse("fixed:Q1,Q2@order3")).contains(new ShuffledOrder.Variant("fixed:Q1,Q2", 3));
        assertThat(ShuffledOrder.parse("random")).isEmpty();
        DemonstrationSelector pinned = DemonstrationSelectors.byName("fixed:Q46,Q57,Q164,Q182,Q184@order1");
        assertThat(pinned.name()).isEqualTo("fixed:Q46,Q57,Q164,Q182,Q184@order1");
        assertThat(pinned.select(request("Q1", 1)).questionIds())
                .containsExactlyInAnyOrder("Q46", "Q57", "Q164", "Q182", "Q184");
        assertThatThrownBy(() -> DemonstrationSelectors.byName("random@order0"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be >= 1");
        assertThatThrownBy(() -> DemonstrationSelectors.byName("chrff@order1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown demonstration selector 'chrff'");
    }

    @Test
    void forFreeTextTheVariantReordersWhatItsSelectorChoseAndCategoryStillRefuses() {
        TextSelectionRequest r = new TextSelectionRequest(data, "How important is family in your life?",
                new Country("DEU"), "en", 5, 1234);
        List<String> own = DemonstrationSelectors.byName("chrf").selectForText(r).questionIds();
        List<String> shuffled = DemonstrationSelectors.byName("chrf@order1").selectForText(r).questionIds();
        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(own);
        assertThat(DemonstrationSelectors.byName("chrf@order1").selectForText(r).questionIds()).isEqualTo(shuffled);
        assertThatThrownBy(() -> DemonstrationSelectors.byName("category@order1").selectForText(r))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot select for free text");
    }
}
