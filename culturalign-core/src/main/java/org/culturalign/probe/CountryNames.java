package org.culturalign.probe;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;

/**
 * Country names in a probe's language for the persona line, from the JDK's locale data (CLDR): the alpha-3 code is
 * mapped to its alpha-2 code and {@link Locale#getDisplayCountry(Locale)} gives the name in the language. Survey units
 * that are not ISO countries (e.g. WVS {@code NIR}, Northern Ireland) fall back to the data's English name.
 */
final class CountryNames {
    private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();

    static {
        for (String a2 : Locale.getISOCountries()) {
            ALPHA3_TO_ALPHA2.put(new Locale("", a2).getISO3Country(), a2);
        }
    }

    private CountryNames() {
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
