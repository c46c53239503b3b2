package org.culturalign.survey.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.ScaleType;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GlobalOpinionImporterTest {
    private static final String TRUST = "GOQA-c0c0b12213";
    private static final String CLOSER = "GOQA-7f5c69f79c";
    private static final String HELP = "GOQA-c9b59df633";
    private static ImportResult result;

    @BeforeAll
    static void importFixture() throws URISyntaxException {
        result = GlobalOpinionImporter.importFile(Path.of(GlobalOpinionImporterTest.class
                .getResource("goqa-fixture.csv").toURI()));
    }

    private static void assertShares(String country, String id, double... expected) {
        assertThat(result.data().distribution(new Country(country), id).orElseThrow().shares())
                .containsExactly(expected, within(1e-12));
    }

    @Test
    void questionsGetContentHashIdsSourceTagsEnglishTextsAndNoCategory() {
        SurveyData data = result.data();
        assertThat(data.questions()).extracting(Question::id).containsExactly(TRUST, CLOSER, HELP);
        Question trust = data.requireQuestion(TRUST);
        assertThat(trust.source()).isEqualTo("GAS");
        assertThat(trust.category()).isEmpty();
        assertThat(trust.languages()).containsExactly("en");
        assertThat(trust.scale().codes()).containsExactly(1, 2, 3);
        assertThat(trust.scale().type()).isEqualTo(ScaleType.NOMINAL);
        assertThat(trust.text("en").orElseThrow().optionLabels()).containsExactly("Yes", "No", "Don't know");
        Question closer = data.requireQuestion(CLOSER);
        assertThat(closer.source()).isEqualTo("WVS");
        assertThat(closer.text("en").orElseThrow().question()).isEqualTo("Which comes closer\nto your view?");
        assertThat(closer.text("en").orElseThrow().optionLabels())
                .containsExactly("It\u2019s good", "She said \"it's fine\"");
    }

    @Test
    void sharesAreParsedExactlyAndAliasesMapToIso3WithNorthernIrelandItsOwnUnit() {
        assertShares("GBR", TRUST, 0.6, 0.3, 0.1);
        assertShares("KOR", TRUST, 0.25, 0.25, 0.5);
        assertShares("TWN", CLOSER, 0.7, 0.3);
        assertShares("NIR", CLOSER, 0.2, 0.8);
        assertShares("GBR", CLOSER, 0.4, 0.6);
        // 0.3, 0.3 and 1e-1, 3e-1 do not sum to 1: renormalised over the options
        assertShares("IND", HELP, 0.5, 0.5);
        assertShares("CZE", HELP, 0.25, 0.75);
        assertThat(result.data().countries()).extracting(Country::code)
                .containsExactly("CZE", "GBR", "IND", "KOR", "NIR", "PAK", "TWN");
    }

    @Test
    void qualifiedSampleIsUsedOnlyWithoutANationalOneAndStaysVisibleInNamesAndNotice() {
        // line 2: only the non-national sample of India exists, so it is used
        assertShares("IND", TRUST, 0.5, 0.5, 0);
        assertShares("PAK", HELP, 0.75, 0.25);
        SurveyData data = result.data();
        assertThat(data.countryName(new Country("PAK"))).isEqualTo("Pakistan (Non-national sample)");
        assertThat(data.countryName(new Country("IND")))
                .isEqualTo("India (partly Non-national sample: 1 of 2 questions)");
        assertThat(data.countryName(new Country("GBR"))).isEqualTo("United Kingdom");
        assertThat(data.countryName(new Country("NIR"))).isEqualTo("Northern Ireland");
        assertThat(data.source().notice()).contains("qualified samples: IND Non-national sample in 1 of 2 "
                + "questions; PAK Non-national sample in 1 of 1 questions");
    }

    @Test
    void everySkippedRowAndCountryIsReportedWithItsLineAndReason() {
        assertThat(result.summary().skipped()).extracting(Object::toString).containsExactly(
                "line 2 Czech Rep.: all shares are 0",
                "line 3 Palest. ter.: 3 shares for 2 options",
                "line 3 Atlantis: unknown country name",
                "line 5: malformed selections: at character 50: expected ',' or ']', found '})'",
                "line 6: empty question",
                "line 7 India (Non-national sample): IND already has data from 'India' in this question",
                "line 8 Britain: all shares are 0",
                "line 8 S. Korea: empty share list",
                "line 8: no country with usable shares");
        ImportSummary s = result.summary();
        assertThat(s.count("rows read")).isEqualTo(6);
        assertThat(s.count("questions")).isEqualTo(3);
        assertThat(s.count("country-question pairs")).isEqualTo(9);
        assertThat(s.count("rows malformed")).isEqualTo(1);
        assertThat(s.count("rows skipped")).isEqualTo(3);
    }

    @Test
    void questionIdIsTheFirstTenHexDigitsOfTheSha256OfQuestionAndOptions() {
        assertThat(GlobalOpinionImporter.questionId("Do people here help each other?", List.of("Often", "Rarely")))
                .isEqualTo(HELP);
    }
}
