package org.culturalign.survey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
import org.culturalign.survey.imports.CountryNames;

/**
 * English names of countries by ISO 3166-1 alpha-3 code, from the JDK's locale data (alpha-3 to alpha-2 to display
 * name), plus the few survey units that are not ISO countries (e.g. WVS/EVS {@code NIR}, Northern Ireland), and the
 * one resolver of user-typed countries ({@link #resolve(String, SurveyData)}) that every command uses.
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

    /**
     * The country a user typed, among the countries {@code data} has data for: an ISO 3166-1 alpha-3 code
     * (case-insensitive, e.g. {@code deu}), the name the data gives the country (e.g. {@code India (Non-national
     * sample)}), or an English name or common alias ({@code Germany}, {@code UK}, {@code South Korea}, {@code Czech
     * Republic}; case-, accent- and punctuation-insensitive, see {@link CountryNames#resolve}).
     *
     * @param typed what the user typed
     * @param data  the survey data the country must have data in
     * @throws InvalidInputException with one line: for a name no country has, the nearest codes (for a code-like
     *                               input) or names of the countries with data; for a real country without data in
     *                               {@code data}, that fact
     */
    public static Country resolve(String typed, SurveyData data) {
        String in = typed == null ? "" : typed.strip();
        for (Country c : data.countries()) {
            if (c.code().equalsIgnoreCase(in) || data.countryName(c).equalsIgnoreCase(in)) {
                return c;
            }
        }
        Optional<Country> known = lookUp(in);
        if (known.isPresent()) {
            if (data.countries().contains(known.get())) {
                return known.get();
            }
            throw new InvalidInputException("'" + in + "' (" + name(known.get()) + ", " + known.get()
                    + ") has no data in " + data.source().name() + "; countries with data: "
                    + String.join(", ", data.countries().stream().map(Country::code).toList())
                    + " (see: culturalign data countries)");
        }
        throw new InvalidInputException("unknown country '" + in + "' in " + data.source().name() + "; nearest: "
                + nearest(in, data) + " (see: culturalign data countries)");
    }

    /**
     * Any known country a user typed, with or without data anywhere: an ISO 3166-1 alpha-3 code (case-insensitive)
     * of a known country or survey unit, or an English name or common alias.
     *
     * @throws InvalidInputException naming the nearest English names when neither matches
     */
    public static Country resolve(String typed) {
        String in = typed == null ? "" : typed.strip();
        return lookUp(in).orElseThrow(() -> {
            List<String> names = new ArrayList<>();
            ALPHA3_TO_ALPHA2.keySet().stream().sorted().forEach(code -> names.add(name(new Country(code))));
            return new InvalidInputException("unknown country '" + in + "'; expected an ISO 3166-1 alpha-3 code "
                    + "such as DEU or an English name; nearest: " + NearestNames.nearestList(in, names, 3));
        });
    }

    private static Optional<Country> lookUp(String in) {
        if (in.length() == 3 && in.chars().allMatch(ch -> ch < 128 && Character.isLetter(ch))) {
            Country c = Country.of(in);
            if (isKnown(c)) {
                return Optional.of(c);
            }
        }
        return CountryNames.resolve(in).filter(r -> !r.qualified()).map(CountryNames.Resolved::country);
    }

    /** Nearest codes for a code-like input, else nearest "Name (CODE)" of the countries with data. */
    private static String nearest(String in, SurveyData data) {
        if (in.length() <= 3) {
            return NearestNames.nearestList(in, data.countries().stream().map(Country::code).toList(), 3);
        }
        Map<String, Country> byName = new LinkedHashMap<>();
        for (Country c : data.countries()) {
            String label = data.countryName(c).equals(c.code()) ? name(c) : data.countryName(c);
            byName.put(label, c);
        }
        return String.join(", ", NearestNames.nearest(in, byName.keySet(), 3).stream()
                .map(n -> n + " (" + byName.get(n) + ")").toList());
    }

    private static Map<String, String> alpha3ToAlpha2() {
        Map<String, String> map = new HashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            map.put(new Locale("", alpha2).getISO3Country(), alpha2);
        }
        return Map.copyOf(map);
    }
}
