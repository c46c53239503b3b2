package org.culturalign.survey;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A country (or survey unit) identified by its ISO 3166-1 alpha-3 code, as in the WVS variable
 * {@code B_COUNTRY_ALPHA} (e.g. {@code DEU}, {@code NGA}).
 *
 * @param code three upper-case ASCII letters
 */
public record Country(String code) implements Comparable<Country> {
    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");

    /** @throws IllegalArgumentException when {@code code} is not three upper-case letters */
    public Country {
        if (code == null || !ALPHA3.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "country code must be ISO 3166-1 alpha-3 (three letters, e.g. DEU), got '" + code + "'");
        }
    }

    /**
     * Parses a user-typed code, case-insensitively and ignoring surrounding blanks.
     *
     * @throws IllegalArgumentException when it is not three letters
     */
    public static Country of(String code) {
        return new Country(code == null ? null : code.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public int compareTo(Country other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
