package org.culturalign.survey;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * English names of countries by ISO 3166-1 alpha-3 code, from the JDK's locale data (alpha-3 to alpha-2 to display
 * name), plus the few survey units that are not ISO countries (e.g. WVS/EVS {@code NIR}, Northern Ireland).
 */
public final class Countries {
    /** Survey units the JDK does not name, or names it gives in a form unusual in survey reports. */
    private static final Map<String, String> EXCEPTIONS = Map.of(
            "NIR", "Northern Ireland",
            "XKX", "Kosovo");

    private static final Map<String, String> ALPHA3_TO_ALPHA2 = alpha3ToAlpha2();

    private Countries() {
    }

    /** The English name of a country, or its code when the code is not a known ISO 3166-1 alpha-3 code. */
    public static String name(Country country) {
        return knownName(country).orElse(country.code());
    }

    /** The English name of a country, or empty when the code is not a known ISO 3166-1 alpha-3 code. */
    public static Optional<String> knownName(Country country) {
        String exception = EXCEPTIONS.get(country.code());
        if (exception != null) {
            return Optional.of(exception);
        }
        String alpha2 = ALPHA3_TO_ALPHA2.get(country.code());
        if (alpha2 == null) {
            return Optional.empty();
        }
        return Optional.of(new Locale("", alpha2).getDisplayCountry(Locale.ENGLISH));
    }

    /** Whether the code is a known ISO 3166-1 alpha-3 code (or a known survey unit). */
    public static boolean isKnown(Country country) {
        return knownName(country).isPresent();
    }

    private static Map<String, String> alpha3ToAlpha2() {
        Map<String, String> map = new HashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            map.put(new Locale("", alpha2).getISO3Country(), alpha2);
        }
        return Map.copyOf(map);
    }
}
