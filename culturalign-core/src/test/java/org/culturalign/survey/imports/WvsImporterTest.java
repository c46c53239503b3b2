package org.culturalign.survey.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.ScaleType;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WvsImporterTest {
    private static final Country DEU = new Country("DEU");
    private static final Country NGA = new Country("NGA");

    @TempDir
    Path dir;

    private ImportResult importFixture(String text, boolean bom, boolean crlf, WeightScheme weight) {
        Path file = WvsFixtures.write(dir, "wvs.csv", text, bom, crlf);
        return WvsImporter.importFile(file, new WvsImportOptions(weight, Set.of(), Set.of()), WvsFixtures.catalog());
    }

    private static void assertShares(SurveyData data, Country c, String id, long n, double weightSum,
                                     double... expected) {
        HumanDistribution d = data.distribution(c, id).orElseThrow();
        assertThat(d.shares()).containsExactly(expected, within(1e-12));
        assertThat(d.respondents()).hasValue(n);
        assertThat(d.weightSum().orElseThrow()).isCloseTo(weightSum, within(1e-12));
    }

    /** The hand-computed W_WEIGHT shares of {@link WvsFixtures#COMMA}; every file variant must give the same. */
    private static void assertWWeightShares(SurveyData data) {
        // DEU Q1: code 1 weights 1.5 + 2.0, code 2 weight 0.5, the -1 excluded: 3.5/4, 0.5/4
        assertShares(data, DEU, "Q1", 3, 4.0, 0.875, 0.125, 0, 0);
        // DEU Q94: 0 is a valid code (1.5), 1 (1.0), 2 (0.5); the -2 excluded
        assertShares(data, DEU, "Q94", 3, 3.0, 0.5, 1.0 / 3, 1.0 / 6);
        // DEU Q254: code 5 dropped by the recode, -3 excluded: 1.5 / 2.5 and 1.0 / 2.5
        assertShares(data, DEU, "Q254", 2, 2.5, 0.6, 0.4, 0, 0);
        // DEU Q200: code 4 recoded to 3 (1.5) + code 3 (1.0); code 1 (0.5); the blank excluded
        assertShares(data, DEU, "Q200", 3, 3.0, 1.0 / 6, 0, 5.0 / 6);
        // DEU Q999, uncatalogued: codes 1 (1.5 + 1.0) and 2 (0.5 + 2.0)
        assertShares(data, DEU, "Q999", 4, 5.0, 0.5, 0.5);
        // NGA Q1: 4 (1.0); the -5 excluded
        assertShares(data, NGA, "Q1", 1, 1.0, 0, 0, 0, 1);
        assertShares(data, NGA, "Q254", 1, 1.0, 1, 0, 0, 0);
        assertShares(data, NGA, "Q200", 2, 4.0, 0.75, 0.25, 0);
        assertShares(data, NGA, "Q999", 1, 1.0, 1, 0);
        // NGA Q94: both respondents -4 (not asked): no distribution
        assertThat(data.distribution(NGA, "Q94")).isEmpty();
    }

    @Test
    void commaSeparatedFileGivesHandComputedWeightedShares() {
        assertWWeightShares(importFixture(WvsFixtures.COMMA, false, false, WeightScheme.W_WEIGHT).data());
    }

    @Test
    void semicolonFileWithLowerCaseQuotedHeaderDecimalCommasBomAndCrlfGivesTheSameShares() {
        assertWWeightShares(importFixture(WvsFixtures.SEMICOLON, true, true, WeightScheme.W_WEIGHT).data());
    }

    @Test
    void commaFileWithBomAndCrlfGivesTheSameShares() {
        assertWWeightShares(importFixture(WvsFixtures.COMMA, true, true, WeightScheme.W_WEIGHT).data());
    }

    @Test
    void unweightedSharesCountRespondentsAndRecordNoWeightSum() {
        SurveyData data = importFixture(WvsFixtures.COMMA, false, false, WeightScheme.NONE).data();
        HumanDistribution q1 = data.distribution(DEU, "Q1").orElseThrow();
        assertThat(q1.shares()).containsExactly(new double[] {2.0 / 3, 1.0 / 3, 0, 0}, within(1e-12));
        assertThat(q1.weightSum()).isEmpty();
        assertThat(q1.respondents()).hasValue(3);
    }

    @Test
    void equilibratedWeightIsConstantWithinACountrySoItGivesUnweightedSharesWithItsOwnWeightSum() {
        SurveyData data = importFixture(WvsFixtures.COMMA, false, false, WeightScheme.S018).data();
        assertShares(data, DEU, "Q1", 3, 1.5, 2.0 / 3, 1.0 / 3, 0, 0);
    }

    @Test
    void productWeightGivesDesignWeightSharesWithProductWeightSums() {
        SurveyData data = importFixture(WvsFixtures.COMMA, false, false, WeightScheme.W_WEIGHT_X_S018).data();
        // weights 0.75, 0.25, 0.5, 1.0 for DEU: Q1 code 1 = 0.75 + 1.0, code 2 = 0.25
        assertShares(data, DEU, "Q1", 3, 2.0, 0.875, 0.125, 0, 0);
    }

    @Test
    void summaryCountsEachMissingCodeBlanksDroppedCellsAndSkippedColumns() {
        ImportSummary s = importFixture(WvsFixtures.COMMA, false, false, WeightScheme.W_WEIGHT).summary();
        assertThat(s.count("rows read")).isEqualTo(6);
        assertThat(s.count("countries")).isEqualTo(2);
        assertThat(s.count("items")).isEqualTo(5);
        assertThat(s.count("cells blank")).isEqualTo(2);
        assertThat(s.count("cells -1 (don't know)")).isEqualTo(2);
        assertThat(s.count("cells -2 (no answer)")).isEqualTo(1);
        assertThat(s.count("cells -3 (not applicable)")).isEqualTo(1);
        assertThat(s.count("cells -4 (not asked)")).isEqualTo(2);
        assertThat(s.count("cells -5 (missing)")).isEqualTo(1);
        assertThat(s.count("cells dropped by recodes or off the scale")).isEqualTo(1);
        assertThat(s.count("cells valid")).isEqualTo(3 + 3 + 2 + 3 + 4 + 1 + 1 + 2 + 1);
        assertThat(s.count("country-item pairs")).isEqualTo(9);
        assertThat(s.count("country-item pairs without valid answers")).isEqualTo(1);
        assertThat(s.skipped()).extracting(Object::toString).contains(
                "Q254 code 5: 1 cells: dropped by the catalog's recode",
                "1 variant columns (Q33_3): recoded duplicates of other items; name them in --questions to import them");
        assertThat(s.notes()).contains("items not in the catalog, imported with their codes as labels and no "
                + "wording: Q999 nominal [1, 2]", "1 catalog items have no column in this file");
    }

    @Test
    void uncataloguedItemGetsItsCodesAsLabelsAndTheUncataloguedSource() {
        Question q = importFixture(WvsFixtures.COMMA, false, false, WeightScheme.W_WEIGHT).data()
                .requireQuestion("Q999");
        assertThat(q.scale().codes()).containsExactly(1, 2);
        assertThat(q.scale().type()).isEqualTo(ScaleType.NOMINAL);
        assertThat(q.text("en").orElseThrow().optionLabels()).containsExactly("1", "2");
        assertThat(q.source()).isEqualTo(WvsImporter.UNCATALOGUED);
    }

    @ParameterizedTest(name = "codes {0} give a {1} scale")
    @CsvSource({"'1,2,3,4', ORDINAL", "'0,1,2,3,4,5,6,7,8,9,10', ORDINAL", "'1,2,3', NOMINAL", "'1,2,4,5', NOMINAL",
            "'2,3,4,5', NOMINAL"})
    void uncataloguedItemIsOrdinalOnlyForFourToElevenConsecutiveCodesFromZeroOrOne(String codes, ScaleType type) {
        StringBuilder csv = new StringBuilder("B_COUNTRY_ALPHA,W_WEIGHT,Q500\n");
        for (String c : codes.split(",")) {
            csv.append("FRA,1,").append(c).append('\n');
        }
        Path file = WvsFixtures.write(dir, "generic.csv", csv.toString(), false, false);
        SurveyData data = WvsImporter.importFile(file, WvsImportOptions.defaults(), List.of()).data();
        assertThat(data.requireQuestion("Q500").scale().type()).isEqualTo(type);
    }

    @Test
    void countryAndQuestionRestrictionsKeepOnlyTheNamedOnesIncludingAVariantColumn() {
        Path file = WvsFixtures.write(dir, "wvs.csv", WvsFixtures.COMMA, false, false);
        ImportResult r = WvsImporter.importFile(file, new WvsImportOptions(WeightScheme.W_WEIGHT, Set.of("DEU"),
                Set.of("Q1", "Q33_3")), WvsFixtures.catalog());
        assertThat(r.data().countries()).containsExactly(DEU);
        assertThat(r.data().questions()).extracting(Question::id).containsExactly("Q1", "Q33_3");
        assertThat(r.summary().count("rows of countries not selected")).isEqualTo(2);
        // DEU Q33_3: 1 (1.5 + 0.5), 2 (1.0), 3 (2.0)
        assertShares(r.data(), DEU, "Q33_3", 4, 5.0, 0.4, 0.2, 0.4);
    }

    @Test
    void provenanceRecordsFileNameWeightSchemeHashAndTheReleaseDoi() {
        SurveyData data = importFixture(WvsFixtures.COMMA, false, false, WeightScheme.W_WEIGHT).data();
        assertThat(data.source().name()).isEqualTo("wvs.csv");
        assertThat(data.source().version()).isEqualTo("wvs7-import/1; weight=W_WEIGHT");
        assertThat(data.source().sha256()).hasSize(64);
        assertThat(data.source().notice()).contains("v6.0, doi:10.14281/18241.24");
    }
}
