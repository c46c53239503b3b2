package org.culturalign.survey.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.culturalign.survey.Country;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryNamesTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "Britain|GBR|", "Great Britain|GBR|", "Northern Ireland|NIR|", "S. Korea|KOR|", "South Korea|KOR|",
            "Czech Rep.|CZE|", "Czechia|CZE|", "Taiwan ROC|TWN|", "Taiwan|TWN|", "Palest. ter.|PSE|",
            "Germany|DEU|", "nigeria|NGA|", "Côte d’Ivoire|CIV|", "Turkey|TUR|", "Russia|RUS|", "Vietnam|VNM|",
            "Bosnia & Herzegovina|BIH|", "Kosovo|XKX|", "United States|USA|",
            "India (Non-national sample)|IND|Non-national sample",
            "India (Current national sample)|IND|Current national sample"})
    void printedNamesAndAliasesMapToIso3KeepingTheQualifier(String printed, String code, String qualifier) {
        CountryNames.Resolved r = CountryNames.resolve(printed).orElseThrow();
        assertThat(r.country()).isEqualTo(new Country(code));
        assertThat(r.qualifier()).isEqualTo(qualifier == null ? "" : qualifier);
    }

    @ParameterizedTest
    @CsvSource({"Atlantis", "Europe", "''"})
    void unknownNamesAreNotGuessed(String printed) {
        assertThat(CountryNames.resolve(printed == null ? "" : printed)).isEmpty();
    }
}
