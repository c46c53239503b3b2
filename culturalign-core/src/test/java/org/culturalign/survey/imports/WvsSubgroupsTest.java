package org.culturalign.survey.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Subgroup;
import org.culturalign.survey.SurveyData;
import org.culturalign.survey.SurveyJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subgroup shares of {@code data import --wvs}, hand-computed from a six-respondent microdata file. */
class WvsSubgroupsTest {
    private static final Country DEU = new Country("DEU");

    /**
     * Six DEU respondents: sex Q260, age Q262, education Q275 (ISCED; no Q275R column), settlement H_URBRURAL, item Q1.
     * Row 4 is 17 (no age band); row 5 has missing sex, education and settlement; row 6 did not answer Q1.
     */
    static final String MICRODATA = """
            B_COUNTRY_ALPHA,W_WEIGHT,Q260,Q262,Q275,H_URBRURAL,Q1
            DEU,1.0,2,25,6,1,1
            DEU,2.0,2,45,3,2,2
            DEU,1.0,1,60,1,1,1
            DEU,0.5,1,17,2,1,3
            DEU,1.5,-2,35,-1,-5,4
            DEU,1.0,2,70,8,2,-1
            """;

    @TempDir
    Path dir;

    private SurveyData importText(String text, boolean subgroups) {
        Path file = WvsFixtures.write(dir, "wvs.csv", text, false, false);
        return WvsImporter.importFile(file, new WvsImportOptions(WeightScheme.W_WEIGHT, Set.of(), Set.of("Q1"),
                subgroups), WvsFixtures.catalog()).data();
    }

    private static void assertShares(SurveyData data, Country target, long n, double weightSum, double... expected) {
        HumanDistribution d = data.distribution(target, "Q1").orElseThrow();
        assertThat(d.shares()).as(target.toString()).containsExactly(expected, within(1e-12));
        assertThat(d.respondents()).as(target + " n").hasValue(n);
        assertThat(d.weightSum().orElseThrow()).as(target + " weight sum").isCloseTo(weightSum, within(1e-12));
    }

    @Test
    void eachSubgroupGetsTheWeightedSharesOfItsOwnRespondents() {
        SurveyData data = importText(MICRODATA, true);
        // whole country: rows 1-5 (row 6 missing): code 1 weights 1 + 1, code 2: 2, code 3: 0.5, code 4: 1.5; sum 6
        assertShares(data, DEU, 5, 6.0, 2 / 6.0, 2 / 6.0, 0.5 / 6, 1.5 / 6);
        // female: rows 1 (1.0, code 1) and 2 (2.0, code 2); row 6 did not answer
        assertShares(data, DEU.in(Subgroup.FEMALE), 2, 3.0, 1 / 3.0, 2 / 3.0, 0, 0);
        // male: rows 3 (1.0, code 1) and 4 (0.5, code 3)
        assertShares(data, DEU.in(Subgroup.MALE), 2, 1.5, 1 / 1.5, 0, 0.5 / 1.5, 0);
        // 18-29: row 1 only (row 4 is 17, in no band)
        assertShares(data, DEU.in(Subgroup.AGE_18_29), 1, 1.0, 1, 0, 0, 0);
        // 30-49: rows 2 (2.0, code 2) and 5 (1.5, code 4)
        assertShares(data, DEU.in(Subgroup.AGE_30_49), 2, 3.5, 0, 2 / 3.5, 0, 1.5 / 3.5);
        // 50+: row 3 (row 6 did not answer)
        assertShares(data, DEU.in(Subgroup.AGE_50_PLUS), 1, 1.0, 1, 0, 0, 0);
        // ISCED 0-2 lower: rows 3 (level 1) and 4 (level 2); 3-4 middle: row 2; 5-8 higher: row 1 (row 6 no answer)
        assertShares(data, DEU.in(Subgroup.EDUCATION_LOWER), 2, 1.5, 1 / 1.5, 0, 0.5 / 1.5, 0);
        assertShares(data, DEU.in(Subgroup.EDUCATION_MIDDLE), 1, 2.0, 0, 1, 0, 0);
        assertShares(data, DEU.in(Subgroup.EDUCATION_HIGHER), 1, 1.0, 1, 0, 0, 0);
        // urban: rows 1, 3 (code 1, 1.0 each) and 4 (code 3, 0.5); rural: row 2 (row 6 no answer)
        assertShares(data, DEU.in(Subgroup.URBAN), 3, 2.5, 0.8, 0, 0.2, 0);
        assertShares(data, DEU.in(Subgroup.RURAL), 1, 2.0, 0, 1, 0, 0);
        assertThat(data.subgroups(DEU)).extracting(Country::toString).containsExactly("DEU/female", "DEU/male",
                "DEU/18-29", "DEU/30-49", "DEU/50+", "DEU/education-lower", "DEU/education-middle",
                "DEU/education-higher", "DEU/urban", "DEU/rural");
        assertThat(data.countries()).containsExactly(DEU);
    }

    @Test
    void theRecodedEducationColumnWinsOverIscedAndAbsentColumnsAreSaidSo() {
        String text = """
                B_COUNTRY_ALPHA,W_WEIGHT,Q275R,Q275,Q1
                DEU,1.0,3,1,1
                DEU,1.0,1,8,2
                """;
        Path file = WvsFixtures.write(dir, "wvs.csv", text, false, false);
        ImportResult r = WvsImporter.importFile(file, new WvsImportOptions(WeightScheme.NONE, Set.of(), Set.of("Q1")),
                WvsFixtures.catalog());
        // Q275R 3 = higher (its ISCED 1 would be lower)
        assertThat(r.data().distribution(DEU.in(Subgroup.EDUCATION_HIGHER), "Q1").orElseThrow().shares())
                .containsExactly(1, 0, 0, 0);
        assertThat(r.data().distribution(DEU.in(Subgroup.EDUCATION_LOWER), "Q1").orElseThrow().shares())
                .containsExactly(0, 1, 0, 0);
        assertThat(r.data().distribution(DEU.in(Subgroup.FEMALE), "Q1")).isEmpty();
        assertThat(r.summary().notes()).contains(
                "subgroups by education from column Q275R: respondents education-lower 1, education-middle 0, "
                        + "education-higher 1",
                "no subgroups by sex (Q260), age (Q262), settlement (H_URBRURAL): the file has no such column");
    }

    @Test
    void subgroupsCanBeTurnedOffAndSurviveTheSurveyFileRoundTrip() {
        assertThat(importText(MICRODATA, false).subgroupTargets()).isEmpty();
        SurveyData data = importText(MICRODATA, true);
        Path out = dir.resolve("survey.json");
        SurveyJson.write(data, out);
        SurveyData back = SurveyJson.read(out);
        assertThat(back.subgroupTargets()).isEqualTo(data.subgroupTargets());
        for (Country target : data.subgroupTargets()) {
            assertThat(back.distribution(target, "Q1")).as(target.toString()).isEqualTo(data.distribution(target,
                    "Q1"));
        }
        assertThat(back.countries()).containsExactly(DEU);
    }

    @Test
    void aNonNumericDemographicCellNamesFileLineAndColumn() {
        String text = MICRODATA.replace("DEU,2.0,2,45,3,2,2", "DEU,2.0,woman,45,3,2,2");
        assertThatThrownBy(() -> importText(text, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wvs.csv:3: field Q260 is 'woman'");
    }

    @Test
    void targetsParseAndOrderByCountryThenSubgroup() {
        assertThat(Country.parseTarget("deu/Female")).isEqualTo(DEU.in(Subgroup.FEMALE));
        assertThat(Country.parseTarget("DEU/50+").subgroup()).isEqualTo(Subgroup.AGE_50_PLUS);
        assertThat(Country.parseTarget(" NGA ")).isEqualTo(new Country("NGA"));
        assertThatThrownBy(() -> Country.parseTarget("DEU/women")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown subgroup 'women' in 'DEU/women'; subgroups: female, male, 18-29");
        assertThat(List.of(new Country("NGA"), DEU.in(Subgroup.RURAL), DEU, DEU.in(Subgroup.FEMALE)).stream()
                .sorted().map(Country::toString).toList()).containsExactly("DEU", "DEU/female", "DEU/rural", "NGA");
        assertThat(Subgroup.ageBand(17)).isEmpty();
        assertThat(Subgroup.ageBand(18)).hasValue(Subgroup.AGE_18_29);
        assertThat(Subgroup.ageBand(29)).hasValue(Subgroup.AGE_18_29);
        assertThat(Subgroup.ageBand(30)).hasValue(Subgroup.AGE_30_49);
        assertThat(Subgroup.ageBand(49)).hasValue(Subgroup.AGE_30_49);
        assertThat(Subgroup.ageBand(50)).hasValue(Subgroup.AGE_50_PLUS);
        assertThat(Subgroup.educationIsced(2)).hasValue(Subgroup.EDUCATION_LOWER);
        assertThat(Subgroup.educationIsced(3)).hasValue(Subgroup.EDUCATION_MIDDLE);
        assertThat(Subgroup.educationIsced(4)).hasValue(Subgroup.EDUCATION_MIDDLE);
        assertThat(Subgroup.educationIsced(5)).hasValue(Subgroup.EDUCATION_HIGHER);
        assertThat(Subgroup.educationIsced(9)).isEmpty();
    }
}
