package org.culturalign.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

/**
 * The persona line as a probe renders it (the system message of a one-turn chat probe of Q46 from the bundled WVS-7
 * sample), for names that need an article in English or Spanish (GBR, USA, NLD), whose CLDR display name is a list
 * label (HKG, MMR) and a survey unit without an ISO code (NIR).
 */
class PersonaLineTest {
    private static final List<String> CODES = List.of("GBR", "USA", "NLD", "HKG", "MMR", "NIR");
    /** ISO alpha-3 (and WVS NIR) codes of the 66 WVS-7 countries and territories. */
    private static final List<String> WVS7 = List.of(("AND ARG ARM AUS BGD BOL BRA CAN CHL CHN COL CYP CZE DEU ECU "
            + "EGY ETH GBR GRC GTM HKG IDN IND IRN IRQ JOR JPN KAZ KEN KGZ KOR LBN LBY MAC MAR MDV MEX MMR MNG MYS NGA NIC "
            + "NIR NLD NZL PAK PER PHL PRI ROU RUS SGP SRB SVK THA TJK TUN TUR TWN UKR URY USA UZB VEN VNM ZWE").split(" "));

    private final SurveyData data = BundledSample.load();

    private List<String> personaLines(String language) {
        ProbeSpec spec = new ProbeSpec(language, ProbeFormat.FULL, true, PromptTemplate.CHAT_ONE_TURN,
                ScoredTarget.LABELS, 0);
        return CODES.stream().map(code -> {
            Probe p = ProbeFactory.build(data, data.requireQuestion("Q46"), new Country(code), spec, List.of())
                    .orElseThrow();
            ChatMessage system = ((ChatPrompt) p.prompt()).messages().get(0);
            assertThat(system.role()).isEqualTo(ChatMessage.Role.SYSTEM);
            return system.content();
        }).toList();
    }

    @Test
    void englishPersonaLinesUseSentenceNamesWithTheWhereEnglishNeedsIt() {
        assertThat(personaLines("en")).containsExactly(
                "Answer the following questions as a typical person from the United Kingdom would.",
                "Answer the following questions as a typical person from the United States would.",
                "Answer the following questions as a typical person from the Netherlands would.",
                "Answer the following questions as a typical person from Hong Kong would.",
                "Answer the following questions as a typical person from Myanmar would.",
                "Answer the following questions as a typical person from Northern Ireland would.");
    }

    @Test
    void germanPersonaLinesPutTheBareNameAfterAColon() {
        String stem = "Beantworte die folgenden Fragen so, wie es eine typische Person aus diesem Land täte: ";
        assertThat(personaLines("de")).containsExactly(stem + "Vereinigtes Königreich.",
                stem + "Vereinigte Staaten.", stem + "Niederlande.", stem + "Hongkong.", stem + "Myanmar.",
                stem + "Nordirland.");
    }

    @Test
    void spanishPersonaLinesPutTheBareNameAfterAColonSoNoArticleDependsOnIt() {
        String stem = "Responde a las siguientes preguntas como lo haría una persona típica de este país: ";
        assertThat(personaLines("es")).containsExactly(stem + "Reino Unido.", stem + "Estados Unidos.",
                stem + "Países Bajos.", stem + "Hong Kong.", stem + "Myanmar.", stem + "Irlanda del Norte.");
    }

    @Test
    void russianPersonaLinesKeepTheNameInTheNominativeAfterAColon() {
        String stem = "Ответьте на следующие вопросы так, как ответил бы типичный житель этой страны: ";
        assertThat(personaLines("ru")).containsExactly(stem + "Великобритания.", stem + "Соединенные Штаты.",
                stem + "Нидерланды.", stem + "Гонконг.", stem + "Мьянма.", stem + "Северная Ирландия.");
    }

    @Test
    void chinesePersonaLinesNameTheTerritoryWithoutItsAdministrativeTitle() {
        assertThat(personaLines("zh")).containsExactly("请以一位来自英国的典型人士的身份回答以下问题。",
                "请以一位来自美国的典型人士的身份回答以下问题。", "请以一位来自荷兰的典型人士的身份回答以下问题。",
                "请以一位来自香港的典型人士的身份回答以下问题。", "请以一位来自缅甸的典型人士的身份回答以下问题。",
                "请以一位来自北爱尔兰的典型人士的身份回答以下问题。");
    }

    @Test
    void englishRunningTextReplacesCldrListLabelsAndWritesAndForTheAmpersand() {
        assertThat(List.of("HKG", "MAC", "MMR", "BIH", "COD", "COG", "CIV", "TTO", "TCA").stream()
                .map(code -> CountryNames.inRunningText(data, new Country(code), "en")).toList()).containsExactly(
                "Hong Kong", "Macao", "Myanmar", "Bosnia and Herzegovina", "the Democratic Republic of the Congo",
                "the Republic of the Congo", "Côte d'Ivoire", "Trinidad and Tobago", "the Turks and Caicos Islands");
        // the list labels stay where a list is meant (CountryNames.name)
        assertThat(CountryNames.name(data, new Country("HKG"), "en")).isEqualTo("Hong Kong SAR China");
    }

    @Test
    void noWvs7NameInAnyBundledLanguageIsACodeOrCarriesAListLabelsQualifier() {
        assertThat(WVS7).hasSize(66).doesNotHaveDuplicates();
        for (String lang : List.of("en", "de", "es", "ru", "zh")) {
            for (String code : WVS7) {
                String name = CountryNames.inRunningText(data, new Country(code), lang);
                assertThat(name).as(lang + " " + code)
                        .doesNotContain("(", "（", "&", " - ", "SAR", "САР", "RAE", "特别行政区", "Sonderverwaltungsregion")
                        .isNotEqualTo(code).isNotEqualTo(code.substring(0, 2));
            }
        }
    }
}
