package org.culturalign.probe;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;

/**
 * Country names in a probe's language for the persona line, from the JDK's locale data (CLDR): the alpha-3 code is
 * mapped to its alpha-2 code and {@link Locale#getDisplayCountry(Locale)} gives the name in the language. Survey units
 * that are not ISO countries (e.g. WVS {@code NIR}, Northern Ireland) fall back to the data's English name.
 *
 * <p>English running text needs "the" before some names ("a typical person from the United States"), which CLDR
 * display names leave out; {@link #inRunningText} adds it. The German and Russian persona lines put the bare name
 * after a colon so that no article or case ending depends on it; Chinese has no articles.
 */
final class CountryNames {
    private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();

    static {
        for (String a2 : Locale.getISOCountries()) {
            ALPHA3_TO_ALPHA2.put(new Locale("", a2).getISO3Country(), a2);
        }
    }

    /**
     * English names taken with "the" that no suffix rule below catches (plural or descriptive names in CLDR's English
     * display names).
     */
    private static final Set<String> ENGLISH_WITH_THE = Set.of("Netherlands", "Caribbean Netherlands", "Philippines",
            "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles", "Isle of Man");
    /**
     * Last words of English names that take "the": United States, United Kingdom, United Arab Emirates, Czech
     * Republic (older CLDR; now Czechia), Central African Republic, Dominican Republic, Solomon Islands, Palestinian
     * Territories, British Indian Ocean Territory, ... A singular "Island" (Christmas Island) takes none.
     */
    private static final List<String> ENGLISH_SUFFIXES_WITH_THE = List.of(" States", " Kingdom", " Emirates",
            " Republic", " Islands", " Territories", " Territory");

    private CountryNames() {
    }

    /** The country's name as it stands after a preposition in the language: "the United States" in English. */
    static String inRunningText(SurveyData data, Country country, String language) {
        String name = name(data, country, language);
        boolean english = Locale.forLanguageTag(language).getLanguage().equals("en");
        return english && takesTheInEnglish(name) ? "the " + name : name;
    }

    static boolean takesTheInEnglish(String name) {
        return ENGLISH_WITH_THE.contains(name) || ENGLISH_SUFFIXES_WITH_THE.stream().anyMatch(name::endsWith);
    }

    static String name(SurveyData data, Country country, String language) {
        String a2 = ALPHA3_TO_ALPHA2.get(country.code());
        if (a2 != null) {
            String name = new Locale("", a2).getDisplayCountry(Locale.forLanguageTag(language));
            if (!name.isBlank() && !name.equals(a2)) {
                return name;
            }
        }
        return data.countryName(country);
    }
}
