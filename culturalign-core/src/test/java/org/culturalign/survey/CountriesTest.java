package org.culturalign.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;

class CountriesTest {
    private static final SurveyData SAMPLE = BundledSample.load();

    @Test
    void codesResolveCaseInsensitively() {
        assertThat(Countries.resolve("deu", SAMPLE)).isEqualTo(new Country("DEU"));
        assertThat(Countries.resolve(" NGA ", SAMPLE)).isEqualTo(new Country("NGA"));
    }

    @Test
    void englishNamesAndCommonAliasesResolve() {
        assertThat(Countries.resolve("Germany", SAMPLE)).isEqualTo(new Country("DEU"));
        assertThat(Countries.resolve("GERMANY", SAMPLE)).isEqualTo(new Country("DEU"));
        assertThat(Countries.resolve("South Korea", SAMPLE)).isEqualTo(new Country("KOR"));
        assertThat(Countries.resolve("UK", SAMPLE)).isEqualTo(new Country("GBR"));
        assertThat(Countries.resolve("United States of America", SAMPLE)).isEqualTo(new Country("USA"));
    }

    @Test
    void aRealCountryWithoutDataIsNamedAsSuch() {
        assertThatThrownBy(() -> Countries.resolve("Mali", SAMPLE)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("'Mali' (Mali, MLI) has no data in bundled WVS-7 sample; countries with "
                        + "data: ARG, ")
                .hasMessageEndingWith(" (see: culturalign data countries)");
    }

    @Test
    void aMistypedNameSuggestsTheNearestNamesWithTheirCodes() {
        assertThatThrownBy(() -> Countries.resolve("Germny", SAMPLE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown country 'Germny' in bundled WVS-7 sample; nearest: Germany (DEU), Turkey (TUR), "
                        + "Kenya (KEN) (see: culturalign data countries)");
    }

    @Test
    void aMistypedCodeSuggestsTheNearestCodes() {
        assertThatThrownBy(() -> Countries.resolve("NGR", SAMPLE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown country 'NGR' in bundled WVS-7 sample; nearest: NGA, BGD, GBR "
                        + "(see: culturalign data countries)");
    }

    @Test
    void withoutDataAnyKnownCountryResolvesByCodeOrName() {
        assertThat(Countries.resolve("mli")).isEqualTo(new Country("MLI"));
        assertThat(Countries.resolve("Czech Republic")).isEqualTo(new Country("CZE"));
        assertThat(Countries.resolve("Northern Ireland")).isEqualTo(new Country("NIR"));
        assertThatThrownBy(() -> Countries.resolve("Atlantis")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("unknown country 'Atlantis'; expected an ISO 3166-1 alpha-3 code such as DEU "
                        + "or an English name; nearest: ");
    }
}
