package org.culturalign.survey;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;
import org.culturalign.NearestNames;

/**
 * A country (or survey unit) identified by its ISO 3166-1 alpha-3 code, as in the WVS variable
 * {@code B_COUNTRY_ALPHA} (e.g. {@code DEU}, {@code NGA}); optionally narrowed to a demographic {@link Subgroup} of
 * its respondents ({@code DEU/female}). A subgroup is a target of its own: its answers are the subgroup's shares and
 * its demonstrations come from them, while its name and languages are the country's.
 *
 * @param code     three upper-case ASCII letters
 * @param subgroup the subgroup, or null for the whole country
 */
public record Country(String code, Subgroup subgroup) implements Comparable<Country> {
    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");
    private static final Comparator<Country> ORDER = Comparator.comparing(Country::code)
            .thenComparing(c -> c.subgroup == null ? -1 : c.subgroup.ordinal());

    /** @throws IllegalArgumentException when {@code code} is not three upper-case letters */
    public Country {
        if (code == null || !ALPHA3.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "country code must be ISO 3166-1 alpha-3 (three letters, e.g. DEU), got '" + code + "'");
        }
    }

    /** The whole country {@code code}. */
    public Country(String code) {
        this(code, null);
    }

    /**
     * Parses a user-typed code, case-insensitively and ignoring surrounding blanks.
     *
     * @throws IllegalArgumentException when it is not three letters
     */
    public static Country of(String code) {
        return new Country(code == null ? null : code.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * Parses a target as written in a grid: {@code DEU} or {@code DEU/female} (a code, a slash and a
     * {@link Subgroup#id()}), case-insensitively.
     *
     * @throws IllegalArgumentException when the code is not three letters or the subgroup is unknown (naming the
     *                                  valid ones)
     */
    public static Country parseTarget(String target) {
        String s = target == null ? "" : target.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return of(s);
        }
        String id = s.substring(slash + 1);
        Subgroup g = Subgroup.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown subgroup '" + id
                + "' in '" + s + "'; subgroups: " + String.join(", ", Subgroup.ids())
                + NearestNames.didYouMean(id, Subgroup.ids(), 3)));
        return of(s.substring(0, slash)).in(g);
    }

    /** This country narrowed to {@code g}. */
    public Country in(Subgroup g) {
        return new Country(code, g);
    }

    /** The whole country this target belongs to (itself when it is one). */
    public Country whole() {
        return subgroup == null ? this : new Country(code);
    }

    /** Whether this is a subgroup of a country rather than the whole country. */
    public boolean isSubgroup() {
        return subgroup != null;
    }

    @Override
    public int compareTo(Country other) {
        return ORDER.compare(this, other);
    }

    /** {@code DEU} or {@code DEU/female}: the form {@link #parseTarget} reads. */
    @Override
    public String toString() {
        return subgroup == null ? code : code + "/" + subgroup.id();
    }
}
