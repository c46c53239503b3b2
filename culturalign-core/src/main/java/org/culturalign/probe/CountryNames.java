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
 * that are not ISO countries (WVS {@code NIR}, Northern Ireland) take their name from {@link #NON_ISO}, and failing
 * that the data's English name.
 *
 * <p>CLDR display names are list labels, not running text: "Hong Kong SAR China", "Myanmar (Burma)", "Congo -
 * Kinshasa". {@link #inRunningText} replaces those with the name a sentence uses ({@link #RUNNING_TEXT}, checked for
 * the 66 WVS-7 countries in every bundled language), writes English "&amp;" as "and", and adds English "the" where
 * English needs it ("a typical person from the United States"). The German, Spanish and Russian persona lines put the
 * bare name after a colon so that no article, contraction or case ending depends on it (Spanish "del Reino Unido",
 * "de los Países Bajos"); Chinese has no articles.
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

    /**
     * Names a sentence uses where CLDR's display name is a list label, per language (primary subtag) and alpha-3 code;
     * English entries carry their article. Hong Kong and Macao drop the "SAR China" qualifier in every language (the
     * survey unit is the territory; the qualifier reads as part of a name in a sentence); Myanmar drops the
     * parenthesised former name; the two Congos get their full names instead of CLDR's "Congo - Kinshasa" and
     * "Congo - Brazzaville" (ru alike; Chinese 刚果（金）/刚果（布） is the usual short form and stays); English
     * Côte d'Ivoire takes a plain apostrophe like the rest of the prompt.
     */
    private static final Map<String, Map<String, String>> RUNNING_TEXT = Map.of(
            "en", Map.of("HKG", "Hong Kong", "MAC", "Macao", "MMR", "Myanmar",
                    "COD", "the Democratic Republic of the Congo", "COG", "the Republic of the Congo",
                    "CIV", "Côte d'Ivoire"),
            "de", Map.of("HKG", "Hongkong", "MAC", "Macau",
                    "COD", "Demokratische Republik Kongo", "COG", "Republik Kongo"),
            "es", Map.of("HKG", "Hong Kong", "MAC", "Macao", "MMR", "Myanmar", "COG", "República del Congo"),
            "ru", Map.of("HKG", "Гонконг", "MAC", "Макао", "MMR", "Мьянма",
                    "COD", "Демократическая Республика Конго", "COG", "Республика Конго"),
            "zh", Map.of("HKG", "香港", "MAC", "澳门"));

    /** Survey units without an ISO 3166 code, per language: WVS-7 samples Northern Ireland apart from Great Britain. */
    private static final Map<String, Map<String, String>> NON_ISO = Map.of(
            "en", Map.of("NIR", "Northern Ireland"),
            "de", Map.of("NIR", "Nordirland"),
            "es", Map.of("NIR", "Irlanda del Norte"),
            "ru", Map.of("NIR", "Северная Ирландия"),
            "zh", Map.of("NIR", "北爱尔兰"));

    private CountryNames() {
    }

    /** The country's name as it stands after a preposition in the language: "the United States" in English. */
    static String inRunningText(SurveyData data, Country country, String language) {
        String lang = primary(language);
        String override = RUNNING_TEXT.getOrDefault(lang, Map.of()).get(country.code());
        if (override != null) {
            return override;
        }
        String name = name(data, country, language);
        if (!lang.equals("en")) {
            return name;
        }
        name = name.replace(" & ", " and ");
        return takesTheInEnglish(name) ? "the " + name : name;
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
        String nonIso = NON_ISO.getOrDefault(primary(language), Map.of()).get(country.code());
        return nonIso != null ? nonIso : data.countryName(country);
    }

    private static String primary(String language) {
        return Locale.forLanguageTag(language).getLanguage();
    }
}
