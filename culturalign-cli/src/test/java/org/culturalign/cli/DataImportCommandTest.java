package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.SurveyData;
import org.culturalign.survey.SurveyJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataImportCommandTest {
    private static final String WVS = """
            B_COUNTRY_ALPHA,W_WEIGHT,Q1,Q94,Q254,Q999
            DEU,1.5,1,0,5,1
            DEU,0.5,2,2,1,2
            NGA,2,4,-4,2,1
            NGA,1,-1,1,,2
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path out() {
        return dir.resolve("out.json");
    }

    private static double[] shares(SurveyData data, String country, String id) {
        return data.distribution(new Country(country), id).map(HumanDistribution::shares).orElseThrow();
    }

    @Test
    void wvsImportWritesASurveyFileThatReadsBackWithTheBundledCatalogsScalesAndRecodes() throws IOException {
        Path in = file("wvs.csv", WVS);
        CliRun r = CliRun.of("data", "import", "--wvs", in.toString(), "--out", out().toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).contains("  rows read: 4", "  countries: 2", "  items: 4",
                "  skipped Q254 code 5: 1 cells: dropped by the catalog's recode",
                "wrote " + out() + ": 2 countries, 4 questions (use it with --data " + out() + ")");
        SurveyData data = SurveyJson.read(out());
        assertThat(shares(data, "DEU", "Q1")).containsExactly(new double[] {0.75, 0.25, 0, 0}, within(1e-12));
        assertThat(shares(data, "DEU", "Q94")).containsExactly(new double[] {0.75, 0, 0.25}, within(1e-12));
        assertThat(shares(data, "DEU", "Q254")).containsExactly(new double[] {1, 0, 0, 0}, within(1e-12));
        assertThat(shares(data, "NGA", "Q94")).containsExactly(new double[] {0, 1, 0}, within(1e-12));
        assertThat(shares(data, "NGA", "Q999")).containsExactly(new double[] {2.0 / 3, 1.0 / 3}, within(1e-12));
        assertThat(data.distribution(new Country("NGA"), "Q1").orElseThrow().respondents()).hasValue(1);
        assertThat(data.requireQuestion("Q1").text("de")).isPresent();
        assertThat(data.countryName(new Country("NGA"))).isEqualTo("Nigeria");
    }

    @Test
    void goqaImportWritesTheQuestionsAndSharesWithTheQualifierInTheCountryName() throws IOException {
        Path in = file("goqa.csv", """
                question,selections,options,source
                Is it good?,"defaultdict(<class 'list'>, {'India (Non-national sample)': [0.25, 0.75]})","['Yes', \
                ""Don't know""]",GAS
                """);
        CliRun r = CliRun.of("data", "import", "--goqa", in.toString(), "--out", out().toString());
        assertThat(r.code()).isZero();
        SurveyData data = SurveyJson.read(out());
        String id = data.questions().get(0).id();
        assertThat(id).matches("GOQA-[0-9a-f]{10}");
        assertThat(shares(data, "IND", id)).containsExactly(new double[] {0.25, 0.75}, within(1e-12));
        assertThat(data.countryName(new Country("IND"))).isEqualTo("India (Non-national sample)");
    }

    private void assertRejected(CliRun r, String message) {
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("culturalign: " + message + System.lineSeparator());
        assertThat(out()).doesNotExist();
        assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".tmp"));
    }

    private CliRun importWvs(Path in, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("data", "import", "--wvs", in.toString(), "--out",
                out().toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void missingCountryColumnIsRejectedNamingFileLineAndNearestColumns() throws IOException {
        Path in = file("wvs.csv", "B_COUNTRY,W_WEIGHT,Q1\n276,1,1\n");
        assertRejected(importWvs(in), in + ":1: missing column B_COUNTRY_ALPHA (the respondent's country, ISO 3166-1 "
                + "alpha-3); the header has 3 columns, the closest being B_COUNTRY, W_WEIGHT, Q1");
    }

    @Test
    void unknownWeightNameIsRejectedListingTheValidOnes() throws IOException {
        assertRejected(importWvs(file("wvs.csv", WVS), "--weight", "PWEIGHT"),
                "--weight PWEIGHT: unknown weight; expected one of W_WEIGHT, S018, W_WEIGHTxS018, none");
    }

    @Test
    void weightColumnAbsentFromTheFileIsRejected() throws IOException {
        Path in = file("wvs.csv", WVS);
        assertRejected(importWvs(in, "--weight", "S018"), in + ":1: missing column S018 (the respondent weight for "
                + "--weight S018; --weight none imports unweighted); the header has 6 columns, the closest being "
                + "Q1, Q254, Q999");
    }

    @Test
    void nonNumericAnswerCellIsRejectedNamingLineAndField() throws IOException {
        Path in = file("wvs.csv", WVS.replace("DEU,0.5,2,", "DEU,0.5,yes,"));
        assertRejected(importWvs(in), in + ":3: field Q1 is 'yes'; expected an integer answer code (negative codes "
                + "are missing values) or a blank");
    }

    @Test
    void nonNumericWeightIsRejectedNamingLineAndField() throws IOException {
        Path in = file("wvs.csv", WVS.replace("NGA,2,", "NGA,two,"));
        assertRejected(importWvs(in), in + ":4: field W_WEIGHT is 'two'; expected a non-negative number (a "
                + "respondent weight)");
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreRejected() throws IOException {
        Path empty = file("empty.csv", "");
        assertRejected(importWvs(empty), empty + " is empty: expected a header line with column names");
        Path header = file("header.csv", "B_COUNTRY_ALPHA,W_WEIGHT,Q1\n");
        assertRejected(importWvs(header), header + ":2: no data rows after the header; expected one row per "
                + "respondent");
    }

    @Test
    void invalidUtf8IsRejectedAtTheLineAndFieldOfTheBadBytes() throws IOException {
        byte[] good = WVS.getBytes(StandardCharsets.UTF_8);
        byte[] bad = WVS.replace("NGA,2,4", "NGA,2,\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(bad.length).isEqualTo(good.length); // the é is one Latin-1 byte, where a digit was
        Path in = Files.write(dir.resolve("latin1.csv"), bad);
        assertRejected(importWvs(in), in + ":4: field Q1 is not valid UTF-8 text; expected a UTF-8 encoded CSV file "
                + "(re-save it as UTF-8)");
    }

    @Test
    void binaryFilesAndTextWithoutSeparatorsAreNotCsv() throws IOException {
        Path zip = Files.write(dir.resolve("wvs.zip"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        assertRejected(importWvs(zip), zip + ":1: not a CSV file (a ZIP archive: unzip it first); expected comma- or "
                + "semicolon-separated UTF-8 text with a header line");
        Path text = file("notes.txt", "These are my notes\nabout the survey\n");
        assertRejected(importWvs(text), text + ":1: not a CSV file: the first line has no ',' or ';' separator; "
                + "expected a header line of column names separated by ',' or ';'");
    }

    @Test
    void rowWithTheWrongFieldCountIsRejected() throws IOException {
        Path in = file("wvs.csv", WVS.replace("NGA,1,-1,1,,2", "NGA,1,-1,1,2"));
        assertRejected(importWvs(in), in + ":5: 5 fields, the header has 6; expected one ','-separated field per "
                + "header column");
    }

    @Test
    void unclosedQuoteIsRejectedAsMalformedCsv() throws IOException {
        Path in = file("wvs.csv", WVS.replace("NGA,1,-1", "NGA,\"1,-1"));
        assertRejected(importWvs(in), in + ":5: malformed CSV (end of file inside a quoted field opened on line 5); "
                + "expected ','-separated fields, quoted with '\"' where needed");
    }

    @Test
    void unknownQuestionColumnAndBadCountryCodeAreRejected() throws IOException {
        Path in = file("wvs.csv", WVS);
        assertRejected(importWvs(in, "--questions", "Q9"), "--questions Q9: no such column in " + in
                + "; the closest are Q1, Q94, Q999");
        assertRejected(importWvs(in, "--countries", "Germny"), "--countries unknown country 'Germny'; expected an "
                + "ISO 3166-1 alpha-3 code such as DEU or an English name; nearest: Germany, Jersey, Guyana");
    }

    @Test
    void countriesMayBeGivenByEnglishName() throws IOException {
        CliRun r = importWvs(file("wvs.csv", WVS), "--countries", "Germany");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(SurveyJson.read(out()).countries()).containsExactly(new Country("DEU"));
    }

    @Test
    void anOutputPathThatIsADirectoryExitsTwoWithOneLineAndWritesNothing() throws IOException {
        Path in = file("wvs.csv", WVS);
        Path folder = Files.createDirectory(dir.resolve("imp"));
        CliRun r = CliRun.of("data", "import", "--wvs", in.toString(), "--out", folder.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("culturalign: --out " + folder + " is a directory; expected a file path"
                + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(folder.toFile().list()).isEmpty();
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("wvs.csv", "imp");
    }

    @Test
    void anOutputPathUnderAFileExitsTwoWithOneLine() throws IOException {
        Path in = file("wvs.csv", WVS);
        Path under = in.resolve("out.json");
        CliRun r = CliRun.of("data", "import", "--wvs", in.toString(), "--out", under.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("culturalign: --out " + under + ": " + in + " is a file, not a folder"
                + System.lineSeparator());
    }

    @Test
    void anOutputPathInAReadOnlyFolderExitsTwoWithOneLine() throws IOException {
        Path in = file("wvs.csv", WVS);
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assertThat(locked.toFile().setWritable(false)).isTrue();
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "running as root");
            Path target = locked.resolve("out.json");
            CliRun r = CliRun.of("data", "import", "--wvs", in.toString(), "--out", target.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("culturalign: --out " + target + ": the folder " + locked
                    + " is not writable" + System.lineSeparator());
        } finally {
            locked.toFile().setWritable(true);
        }
    }

    @Test
    void goqaFileWithoutTheSelectionsColumnIsRejected() throws IOException {
        Path in = file("goqa.csv", "question,options,source\nIs it good?,\"['Yes', 'No']\",GAS\n");
        assertRejected(CliRun.of("data", "import", "--goqa", in.toString(), "--out", out().toString()),
                in + ":1: missing column selections (a GlobalOpinionQA column); the header has 3 columns, the "
                        + "closest being question, options, source");
    }

    @Test
    void goqaFileWhoseRowsAreAllMalformedIsRejectedWithTheFirstReasons() throws IOException {
        Path in = file("goqa.csv", "question,selections,options,source\nIs it good?,\"{'Britain': [0.5,\",\"['Yes', "
                + "'No']\",GAS\n");
        assertRejected(CliRun.of("data", "import", "--goqa", in.toString(), "--out", out().toString()),
                in + ": nothing to import: none of the 1 rows is usable (line 2: malformed selections: at character "
                        + "18: expected a value, found the end)");
    }

    @Test
    void missingInputFileIsRejected() {
        Path in = dir.resolve("nope.csv");
        assertRejected(importWvs(in), in + ": no such file; expected a CSV file");
    }
}
