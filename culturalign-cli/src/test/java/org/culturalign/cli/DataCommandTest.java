package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void showPrintsNigeriaQ182AsAnAlignedTableSummingToOne() {
        CliRun r = CliRun.of("data", "show", "--country", "NGA", "--question", "Q182");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).containsExactly(
                "Nigeria (NGA), Q182 [Ethical Values], bundled WVS-7 sample",
                "Can homosexuality ever be justified?",
                "On this scale, 1 means never justifiable and 10 means always justifiable.",
                "",
                "code  option                    share",
                "   1  1 (never justifiable)    0.8042  ####################",
                "   2  2                        0.0890  ##",
                "   3  3                        0.0494  #",
                "   4  4                        0.0178",
                "   5  5                        0.0138",
                "   6  6                        0.0032",
                "   7  7                        0.0032",
                "   8  8                        0.0016",
                "   9  9                        0.0032",
                "  10  10 (always justifiable)  0.0146",
                "      total                    1.0000",
                "n: not given by the source",
                "shares of valid answers, unweighted");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void showInGermanWithRespondentCountFromTheTwelveCountryItems() {
        CliRun r = CliRun.of("data", "show", "--country", "irq", "--question", "q122", "--language", "de");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).containsExactly(
                "Iraq (IRQ), Q122 [Perceptions of Migration], bundled WVS-7 sample",
                "Stimmen Sie zu, dass Zuwanderung in diesem Land nützliche Arbeitsplätze besetzt?",
                "",
                "code  option            share",
                "   0  Stimme nicht zu  0.4996  ############",
                "   1  Schwer zu sagen  0.3507  #########",
                "   2  Stimme zu        0.1497  ####",
                "      total            1.0000",
                "n = 1149 valid answers",
                "shares of valid answers, unweighted");
    }

    @Test
    void showAlignsChineseLabelsByDisplayWidth() {
        CliRun r = CliRun.of("data", "show", "--country", "USA", "--question", "Q254", "--language", "zh");
        assertThat(r.code()).isZero();
        assertThat(r.outLines().subList(3, 9)).containsExactly(
                "code  option         share",
                "   1  非常自豪      0.4264  ###########",
                "   2  比较自豪      0.3525  #########",
                "   3  不太自豪      0.1715  ####",
                "   4  一点也不自豪  0.0496  #",
                "      total         1.0000");
    }

    @Test
    void countriesListsTheTwentySixCountriesWithQuestionCounts() {
        CliRun r = CliRun.of("data", "countries");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).hasSize(28);
        assertThat(r.outLines().get(0)).isEqualTo("code  country         questions");
        assertThat(r.outLines()).contains("IRQ   Iraq                   48", "NGA   Nigeria               105");
        assertThat(r.outLines().get(27)).isEqualTo("26 countries, 105 questions (bundled WVS-7 sample)");
    }

    @Test
    void questionsInChineseListsEveryItem() {
        CliRun r = CliRun.of("data", "questions", "--language", "zh");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).contains("Ethical Values", "  Q182  10  您认为同性恋是否可以接受？");
        assertThat(r.outLines().get(r.outLines().size() - 1))
                .isEqualTo("105 questions in zh; columns: id, number of options, question");
    }

    @Test
    void questionsOfOneCategory() {
        CliRun r = CliRun.of("data", "questions", "--category", "happiness and wellbeing");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).containsExactly(
                "Happiness and Wellbeing",
                "  Q46   4  Taking all things together, how happy would you say you are?",
                "  Q47   5  Taken overall, how is your health at present?",
                "  Q49  10  Taking everything into account, how satisfied are you with your life overall at present?",
                "3 questions in en; columns: id, number of options, question");
    }

    @Test
    void anUnknownCountryExitsTwoNamingTheNearest() {
        CliRun r = CliRun.of("data", "show", "--country", "NGR", "--question", "Q182");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.outLines()).isEmpty();
        assertThat(r.err()).isEqualTo("culturalign: unknown country 'NGR' in bundled WVS-7 sample; nearest: NGA, "
                + "BGD, GBR (see: culturalign data countries)" + System.lineSeparator());
    }

    @Test
    void anUnknownQuestionExitsTwoNamingTheNearest() {
        CliRun r = CliRun.of("data", "show", "--country", "NGA", "--question", "Q812");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("culturalign: unknown question 'Q812' in bundled WVS-7 sample; "
                + "nearest: Q112, Q110, Q111 (see: culturalign data questions)");
    }

    @Test
    void anUnknownLanguageExitsTwoListingTheAvailableOnes() {
        CliRun r = CliRun.of("data", "questions", "--language", "fr");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "culturalign: no texts in language 'fr' in bundled WVS-7 sample; available: de, en, es, ru, zh");
    }

    @Test
    void anUnknownCategoryExitsTwoNamingTheNearest() {
        CliRun r = CliRun.of("data", "questions", "--category", "ethics");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("culturalign: unknown category 'ethics' in bundled WVS-7 sample; "
                + "nearest: Ethical Values; Economic Values; Religious Values");
    }

    @Test
    void aPairWithoutDataExitsTwo() {
        CliRun r = CliRun.of("data", "show", "--country", "IRQ", "--question", "Q182");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "culturalign: Iraq (IRQ): no data for Q182 in bundled WVS-7 sample (the item may have been asked "
                        + "there but is not in this data); see: culturalign data questions --country IRQ");
    }

    @Test
    void aMissingDataFileExitsTwo() {
        Path missing = dir.resolve("missing.json");
        CliRun r = CliRun.of("data", "countries", "--data", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "culturalign: " + missing + ": no such file (expected a culturalign.survey/1 JSON file)");
    }

    @Test
    void aMalformedDataFileExitsTwoNamingFileAndPath() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"schema": "culturalign.survey/1", "source": {"name": "bad"},
                 "questions": [{"id": "Q1", "scale": {"type": "ordinal", "codes": [1, 2]}}],
                 "countries": {"NGA": {"Q1": {"shares": {"1": 0.5, "2": 0.4}}}}}
                """);
        CliRun r = CliRun.of("data", "show", "--country", "NGA", "--question", "Q1", "--data", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "culturalign: bad.json: countries.NGA.Q1: shares sum to 0.9, expected 1 within 0.001");
    }

    @Test
    void showReadsADataFile() throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, """
                {"schema": "culturalign.survey/1", "source": {"name": "my survey"},
                 "questions": [{"id": "T1", "category": "Test", "scale": {"type": "nominal", "codes": [1, 2]},
                   "texts": {"en": {"question": "Tea or coffee?", "options": ["Tea", "Coffee"]}}}],
                 "countries": {"GBR": {"T1": {"shares": {"1": 0.75, "2": 0.25}, "n": 4}}}}
                """);
        CliRun r = CliRun.of("data", "show", "--country", "GBR", "--question", "T1", "--data", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).containsExactly(
                "United Kingdom (GBR), T1 [Test], my survey",
                "Tea or coffee?",
                "",
                "code  option   share",
                "   1  Tea     0.7500  ###################",
                "   2  Coffee  0.2500  ######",
                "      total   1.0000",
                "n = 4 valid answers",
                "shares of valid answers, unweighted");
    }

    @Test
    void everyDataCommandHasHelpWithAnExample() {
        for (String sub : List.of("countries", "questions", "show")) {
            CliRun r = CliRun.of("data", sub, "--help");
            assertThat(r.code()).isZero();
            assertThat(String.join("\n", r.outLines())).contains("Example: culturalign data " + sub).contains("--data");
        }
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        CliRun r = CliRun.of("data", "show", "--country", "NGA");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("Missing required option: '--question=ID'");
    }

    /** Two GlobalOpinionQA-style questions: empty category, English only; DEU has both, NGA only the second. */
    private Path goqaStyleFile() throws IOException {
        return Files.writeString(dir.resolve("goqa.json"), """
                {"schema": "culturalign.survey/1", "source": {"name": "goqa sample"},
                 "questions": [
                   {"id": "GOQA-0000000001", "category": "", "scale": {"type": "nominal", "codes": [1, 2]},
                    "texts": {"en": {"question": "Is it good?", "options": ["Yes", "No"]}}},
                   {"id": "GOQA-0000000002", "category": "", "scale": {"type": "nominal", "codes": [1, 2, 3]},
                    "texts": {"en": {"question": "How often?", "options": ["Often", "Rarely", "Never"]}}}],
                 "countries": {
                   "DEU": {"GOQA-0000000001": {"shares": {"1": 0.5, "2": 0.5}, "n": 1000},
                           "GOQA-0000000002": {"shares": {"1": 0.2, "2": 0.3, "3": 0.5}}},
                   "NGA": {"GOQA-0000000002": {"shares": {"1": 0.6, "2": 0.3, "3": 0.1}, "n": 812}}}}
                """);
    }

    @Test
    void questionsListsUncategorisedQuestionsUnderNoCategory() throws IOException {
        CliRun r = CliRun.of("data", "questions", "--data", goqaStyleFile().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly(
                "(no category)",
                "  GOQA-0000000001  2  Is it good?",
                "  GOQA-0000000002  3  How often?",
                "2 questions in en; columns: id, number of options, question");
    }

    @Test
    void theNoCategoryHeadingWorksAsACategoryFilter() throws IOException {
        CliRun r = CliRun.of("data", "questions", "--data", goqaStyleFile().toString(), "--category", "(No Category)");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(4).startsWith("(no category)");
    }

    @Test
    void questionsOfOneCountryListOnlyThoseWithDataAndTheirRespondentCounts() throws IOException {
        CliRun r = CliRun.of("data", "questions", "--data", goqaStyleFile().toString(), "--country", "nigeria");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly(
                "(no category)",
                "  GOQA-0000000002  3  812  How often?",
                "1 questions with data for Nigeria (NGA) in en; columns: id, number of options, n (respondents; - "
                        + "when the source gives none), question");
        CliRun deu = CliRun.of("data", "questions", "--data", goqaStyleFile().toString(), "--country", "DEU");
        assertThat(deu.outLines()).contains("  GOQA-0000000001  2  1000  Is it good?",
                "  GOQA-0000000002  3     -  How often?");
    }

    @Test
    void questionsOfIraqInTheBundledSampleAreItsFortyEight() {
        CliRun r = CliRun.of("data", "questions", "--country", "IRQ");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines()).contains("  Q122  3  1149  Do you agree that immigration in this country fills "
                + "useful jobs in the workforce?");
        assertThat(r.outLines().get(r.outLines().size() - 1)).startsWith("48 questions with data for Iraq (IRQ) in en");
        assertThat(r.outLines()).noneMatch(l -> l.startsWith("  Q182 "));
    }

    @Test
    void showAcceptsEnglishNamesAndAliases() {
        CliRun r = CliRun.of("data", "show", "--country", "Germany", "--question", "Q1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("Germany (DEU), Q1 [Social Values, Norms, Stereotypes], "
                + "bundled WVS-7 sample");
        assertThat(CliRun.of("data", "show", "--country", "UK", "--question", "Q1").outLines().get(0))
                .startsWith("United Kingdom (GBR), Q1");
    }

    @Test
    void aMistypedCountryNameSuggestsTheNearestNames() {
        CliRun r = CliRun.of("data", "show", "--country", "Germny", "--question", "Q1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("culturalign: unknown country 'Germny' in bundled WVS-7 sample; "
                + "nearest: Germany (DEU), Turkey (TUR), Kenya (KEN) (see: culturalign data countries)");
    }
}
