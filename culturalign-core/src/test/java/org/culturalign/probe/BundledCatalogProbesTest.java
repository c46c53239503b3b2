package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.Demonstrations;
import org.culturalign.icl.SelectionRequest;
import org.culturalign.icl.DemonstrationSelectors;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

/** Every question of the bundled WVS-7 sample renders in every language and format that applies. */
class BundledCatalogProbesTest {
    private final SurveyData data = BundledSample.load();

    @Test
    void everyScaleLengthOfTheCatalogIsCoveredByThePoleRuleTests() {
        Set<Integer> lengths = new TreeSet<>();
        data.questions().stream().filter(q -> q.scale().isOrdinal()).forEach(q -> lengths.add(q.scale().size()));
        // PolesTest covers 2, 3 (1-3 and 0-2), 4, 5, 6, 7, 8, 10, 11
        assertThat(List.of(2, 3, 4, 5, 6, 7, 8, 10, 11)).containsAll(lengths);
    }

    @Test
    void everyQuestionRendersInEveryLanguageAndFormatWithPoleSharesSummingToOne() {
        Country country = data.countries().iterator().next();
        int built = 0;
        for (Question q : data.questions()) {
            for (String lang : q.languages()) {
                for (ProbeFormat f : ProbeFormat.values()) {
                    ProbeSpec spec = new ProbeSpec(lang, f, true, PromptTemplate.COMPLETION, ScoredTarget.LABELS, 1);
                    var probe = ProbeFactory.build(data, q, country, spec, List.of());
                    if (f == ProbeFormat.BINARY && !q.scale().isOrdinal()) {
                        assertThat(probe).isEmpty();
                        continue;
                    }
                    var d = data.distribution(country, q.id());
                    if (probe.isEmpty()) {
                        // only a country with every answer in the dropped middle may lack a binary probe
                        assertThat(ProbeFactory.whyNot(data, q, country, spec).orElseThrow()).contains("pole");
                        continue;
                    }
                    built++;
                    assertThat(probe.get().continuations()).hasSize(f == ProbeFormat.BINARY ? 2 : q.scale().size());
                    if (d.isPresent()) {
                        double sum = 0;
                        for (double s : probe.get().humanInTargetOrder(d.get())) {
                            sum += s;
                        }
                        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                    }
                }
            }
        }
        assertThat(built).isGreaterThan(data.questions().size() * 4);
    }

    @Test
    void fiveChrfShotsRenderForEveryQuestionInGerman() {
        Country deu = new Country("DEU");
        for (Question q : data.questions()) {
            if (q.text("de").isEmpty() || data.distribution(deu, q.id()).isEmpty()) {
                continue;
            }
            var sel = DemonstrationSelectors.byName("chrf").select(
                    new SelectionRequest(data, q, deu, "de", 5, 0, true));
            var demos = Demonstrations.answers(data, deu, sel.questionIds(), AnswerMode.MAJORITY, 0);
            var probe = ProbeFactory.build(data, q, deu, ProbeSpec.defaults("de"), demos).orElseThrow();
            assertThat(probe.demonstrations()).hasSize(5).noneMatch(d -> d.questionId().equals(q.id()));
        }
    }

    @Test
    void theEnglishPersonaLineSaysFromTheUnitedStatesAndFromGermany() {
        ProbeSpec spec = new ProbeSpec("en", ProbeFormat.FULL, true, PromptTemplate.COMPLETION, ScoredTarget.LABELS, 0);
        for (var c : List.of(List.of("USA", "the United States"), List.of("GBR", "the United Kingdom"),
                List.of("NLD", "the Netherlands"), List.of("DEU", "Germany"))) {
            var probe = ProbeFactory.build(data, data.requireQuestion("Q46"), new Country(c.get(0)), spec, List.of())
                    .orElseThrow();
            assertThat(((org.culturalign.model.TextPrompt) probe.prompt()).text()).startsWith(
                    "Answer the following questions as a typical person from " + c.get(1) + " would.\n\nQuestion: ");
        }
    }
}
