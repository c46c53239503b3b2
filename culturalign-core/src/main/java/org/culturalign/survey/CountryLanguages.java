package org.culturalign.survey;

import java.util.Map;
import java.util.Optional;

/**
 * Each country's own language for "English plus each country's language" grids (the design of Choenni &amp; Shutova
 * 2024: probes in English and in other test languages): the language most of the country's WVS-7 respondents were
 * interviewed in or its main official language, as a BCP 47 tag. This is our choice, not a table from the paper;
 * countries with several (CAN en/fr, IND hi/en, NGA en/ha/yo/ig, ETH am/om, KEN sw/en) get one, the one listed here.
 * A country without an entry has none (English only).
 */
public final class CountryLanguages {
    private static final Map<String, String> OWN = Map.ofEntries(
            Map.entry("ARG", "es"), Map.entry("AUS", "en"), Map.entry("BGD", "bn"), Map.entry("BOL", "es"),
            Map.entry("BRA", "pt"), Map.entry("CAN", "en"), Map.entry("CHL", "es"), Map.entry("CHN", "zh"),
            Map.entry("COL", "es"), Map.entry("DEU", "de"), Map.entry("EGY", "ar"), Map.entry("ESP", "es"),
            Map.entry("ETH", "am"), Map.entry("FRA", "fr"), Map.entry("GBR", "en"), Map.entry("GRC", "el"),
            Map.entry("IDN", "id"), Map.entry("IND", "hi"), Map.entry("IRN", "fa"), Map.entry("IRQ", "ar"),
            Map.entry("ITA", "it"), Map.entry("JOR", "ar"), Map.entry("JPN", "ja"), Map.entry("KEN", "sw"),
            Map.entry("KOR", "ko"), Map.entry("MEX", "es"), Map.entry("NGA", "en"), Map.entry("NLD", "nl"),
            Map.entry("NZL", "en"), Map.entry("PAK", "ur"), Map.entry("PER", "es"), Map.entry("PHL", "fil"),
            Map.entry("POL", "pl"), Map.entry("RUS", "ru"), Map.entry("THA", "th"), Map.entry("TUR", "tr"),
            Map.entry("TWN", "zh"), Map.entry("UKR", "uk"), Map.entry("USA", "en"), Map.entry("VNM", "vi"),
            Map.entry("ZWE", "en"));

    private CountryLanguages() {
    }

    /**
     * The country's own language.
     *
     * @param iso3 ISO 3166-1 alpha-3 code, upper case; a subgroup target ({@code DEU/female}) has its country's
     * @return its BCP 47 tag (e.g. {@code de} for DEU), or empty when the table has no entry
     */
    public static Optional<String> own(String iso3) {
        int slash = iso3.indexOf('/');
        return Optional.ofNullable(OWN.get(slash < 0 ? iso3 : iso3.substring(0, slash)));
    }
}
