package org.culturalign.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundledSampleTest {
    private static final List<String> LANGUAGES = List.of("de", "en", "es", "ru", "zh");
    private static final List<String> MAP_ITEMS = List.of("Q46", "Q57", "Q45", "Q209", "Q164", "Q182", "Q184",
            "Q254", "Q154", "Q155", "Q8", "Q14", "Q15", "Q17");
    /** The thematic categories of the WVS-7 value items (question_metadata_wvs7.json, use_case "value"). */
    private static final List<String> VALUE_CATEGORIES = List.of("Social Values, Norms, Stereotypes",
            "Happiness and Wellbeing", "Social Capital, Trust and Organizational Membership", "Economic Values",
            "Perceptions of Corruption", "Perceptions of Migration", "Perceptions of Security",
            "Perceptions about Science and Technology", "Religious Values", "Ethical Values",
            "Political Interest and Political Participation", "Political Culture and Political Regimes");

    private final SurveyData data = BundledSample.load();

    @Test
    void hasAtLeastEightyItems() {
        assertThat(data.questions()).hasSizeGreaterThanOrEqualTo(80);
    }

    @Test
    void isLoadedOnce() {
        assertThat(BundledSample.load()).isSameAs(data);
    }

    @Test
    void everyItemHasATextInEveryLanguageWithOneLabelPerOption() {
        assertThat(data.languages()).containsAll(LANGUAGES);
        for (Question q : data.questions()) {
            for (String lang : LANGUAGES) {
                QuestionText t = q.text(lang).orElseThrow(() -> new AssertionError(q.id() + " has no " + lang));
                assertThat(t.optionLabels()).as(q.id() + " " + lang).hasSize(q.scale().size());
            }
        }
    }

    @Test
    void tenPointItemsCarryAnInstructionNamingBothPoles() {
        QuestionText en = data.requireQuestion("Q182").text("en").orElseThrow();
        assertThat(en.instruction()).isEqualTo(
                "On this scale, 1 means never justifiable and 10 means always justifiable.");
        assertThat(en.optionLabels().get(0)).isEqualTo("1 (never justifiable)");
        assertThat(en.optionLabels().get(9)).isEqualTo("10 (always justifiable)");
    }

    @Test
    void containsAllInglehartWelzelMapItems() {
        for (String id : MAP_ITEMS) {
            assertThat(data.question(id)).as(id).isPresent();
        }
    }

    @Test
    void coversEveryValueCategory() {
        assertThat(data.categories()).containsAll(VALUE_CATEGORIES);
    }

    @Test
    void carriesScalesAndRecodesFromTheCodebook() {
        Question q254 = data.requireQuestion("Q254");
        assertThat(q254.scale().codes()).containsExactly(1, 2, 3, 4);
        assertThat(q254.scaleCode(5)).isEmpty();
        assertThat(data.requireQuestion("Q122").scale().codes()).containsExactly(0, 1, 2);
        assertThat(data.requireQuestion("Q94").scale().codes()).containsExactly(0, 1, 2);
        assertThat(data.requireQuestion("Q154").scale().type()).isEqualTo(ScaleType.NOMINAL);
        assertThat(data.requireQuestion("Q182").scale().type()).isEqualTo(ScaleType.ORDINAL);
        assertThat(data.requireQuestion("Q182").category()).isEqualTo("Ethical Values");
        assertThat(data.requireQuestion("Q154").category()).isEqualTo("Postmaterialist Index");
    }

    @Test
    void hasTheNineteenPlusSevenCountries() {
        Set<String> codes = Set.of("AUS", "BOL", "BRA", "CAN", "CHN", "DEU", "ETH", "GBR", "IND", "KEN", "MEX", "NGA",
                "NLD", "NZL", "RUS", "THA", "UKR", "USA", "ZWE", "IRQ", "JOR", "BGD", "GRC", "KOR", "ARG", "TUR");
        assertThat(data.countries()).extracting(Country::code).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(data.countryName(new Country("NGA"))).isEqualTo("Nigeria");
    }

    @Test
    void nigeriaQ182MatchesTheDerivedFigures() {
        HumanDistribution d = data.distribution(new Country("NGA"), "Q182").orElseThrow();
        assertThat(d.share(0)).isCloseTo(0.80421, within(1e-5));
        assertThat(d.share(9)).isCloseTo(0.01456, within(1e-5));
        assertThat(d.respondents()).isEmpty();
    }

    @Test
    void usaQ254DropsCodeFiveAndRenormalises() {
        HumanDistribution d = data.distribution(new Country("USA"), "Q254").orElseThrow();
        assertThat(d.shares()).containsExactly(new double[] {0.41871 / 0.98206, 0.3462 / 0.98206,
                0.16842 / 0.98206, 0.04873 / 0.98206}, within(1e-5));
    }

    @Test
    void extraCountriesHaveTheTwelveCountryItemsWithRespondentCounts() {
        Country irq = new Country("IRQ");
        assertThat(data.distribution(irq, "Q27").orElseThrow().respondents()).hasValue(1200);
        assertThat(data.distribution(irq, "Q36")).isEmpty();
        assertThat(data.distribution(irq, "Q182")).isEmpty();
        assertThat(data.questionIdsWithData(irq)).hasSize(48);
    }

    @Test
    void provenanceNamesTheSampleAndCitesWvs() {
        assertThat(data.source().name()).isEqualTo("bundled WVS-7 sample");
        assertThat(data.source().version()).isEqualTo("wvs7-sample/1");
        assertThat(data.source().notice()).contains("World Values Survey wave 7");
        assertThat(data.source().sha256()).hasSize(64);
    }
}
