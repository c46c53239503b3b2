package org.culturalign.survey.imports;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.culturalign.survey.Countries;
import org.culturalign.survey.Country;

/**
 * Maps the country names that survey files print (GlobalOpinionQA's keys such as {@code Britain}, {@code S. Korea},
 * {@code Czech Rep.}, {@code India (Non-national sample)}) to ISO 3166-1 alpha-3 codes, keeping a parenthesised sample
 * qualifier apart. English names come from the Java runtime's ISO 3166 table (CLDR display names); the aliases below
 * cover the short forms and the names CLDR spells differently. Northern Ireland is its own unit, {@code NIR}, as in
 * the WVS (never folded into {@code GBR}); Kosovo is {@code XKX} (not in ISO 3166, the code the WVS and the EU use).
 */
public final class CountryNames {
    /**
     * A resolved name.
     *
     * @param country   the ISO 3166-1 alpha-3 code
     * @param name      the name as written, without the qualifier (e.g. "India")
     * @param qualifier the sample qualifier in parentheses (e.g. "Non-national sample"), or empty
     */
    public record Resolved(Country country, String name, String qualifier) {
        /** Whether the sample is qualified (e.g. non-national): not plainly the country's population. */
        public boolean qualified() {
            return !qualifier.isEmpty();
        }
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("britain", "GBR"), Map.entry("great britain", "GBR"), Map.entry("uk", "GBR"),
            Map.entry("united kingdom", "GBR"), Map.entry("northern ireland", "NIR"),
            Map.entry("s korea", "KOR"), Map.entry("south korea", "KOR"), Map.entry("korea", "KOR"),
            Map.entry("republic of korea", "KOR"), Map.entry("korea south", "KOR"),
            Map.entry("n korea", "PRK"), Map.entry("north korea", "PRK"),
            Map.entry("czech rep", "CZE"), Map.entry("czech republic", "CZE"), Map.entry("czechia", "CZE"),
            Map.entry("taiwan", "TWN"), Map.entry("taiwan roc", "TWN"),
            Map.entry("palest ter", "PSE"), Map.entry("palestinian territories", "PSE"),
            Map.entry("palestine", "PSE"), Map.entry("palestinian territory", "PSE"),
            Map.entry("us", "USA"), Map.entry("usa", "USA"), Map.entry("united states", "USA"),
            Map.entry("united states of america", "USA"), Map.entry("america", "USA"),
            Map.entry("russia", "RUS"), Map.entry("russian federation", "RUS"),
            Map.entry("turkey", "TUR"), Map.entry("turkiye", "TUR"),
            Map.entry("vietnam", "VNM"), Map.entry("viet nam", "VNM"),
            Map.entry("iran", "IRN"), Map.entry("syria", "SYR"), Map.entry("laos", "LAO"),
            Map.entry("bolivia", "BOL"), Map.entry("venezuela", "VEN"), Map.entry("tanzania", "TZA"),
            Map.entry("moldova", "MDA"), Map.entry("ivory coast", "CIV"), Map.entry("cote d'ivoire", "CIV"),
            Map.entry("bosnia herzegovina", "BIH"), Map.entry("bosnia and herzegovina", "BIH"),
            Map.entry("bosnia", "BIH"), Map.entry("macedonia", "MKD"), Map.entry("north macedonia", "MKD"),
            Map.entry("hong kong", "HKG"), Map.entry("hong kong sar", "HKG"), Map.entry("macau", "MAC"),
            Map.entry("macao", "MAC"), Map.entry("macao sar", "MAC"), Map.entry("kosovo", "XKX"),
            Map.entry("slovak republic", "SVK"), Map.entry("kyrgyz republic", "KGZ"), Map.entry("burma", "MMR"),
            Map.entry("myanmar", "MMR"), Map.entry("swaziland", "SWZ"), Map.entry("eswatini", "SWZ"),
            Map.entry("cape verde", "CPV"), Map.entry("the gambia", "GMB"), Map.entry("gambia", "GMB"),
            Map.entry("congo", "COG"), Map.entry("republic of the congo", "COG"),
            Map.entry("dr congo", "COD"), Map.entry("democratic republic of the congo", "COD"),
            Map.entry("congo kinshasa", "COD"), Map.entry("congo brazzaville", "COG"),
            Map.entry("the netherlands", "NLD"), Map.entry("holland", "NLD"), Map.entry("east timor", "TLS"),
            Map.entry("uae", "ARE"), Map.entry("brunei", "BRN"), Map.entry("vatican", "VAT"));

    private static final Map<String, String> BY_NAME = buildNames();

    private CountryNames() {
    }

    /**
     * Resolves a printed country name, case-, accent- and punctuation-insensitively, with an optional trailing
     * qualifier in parentheses.
     *
     * @return the code, the name and the qualifier, or empty when the name is not known
     */
    public static Optional<Resolved> resolve(String printed) {
        String name = printed.strip();
        String qualifier = "";
        if (name.endsWith(")") && name.indexOf(" (") > 0) {
            int open = name.lastIndexOf(" (");
            qualifier = name.substring(open + 2, name.length() - 1).strip();
            name = name.substring(0, open).strip();
        }
        String code = BY_NAME.get(normalise(name));
        if (code == null) {
            return Optional.empty();
        }
        return Optional.of(new Resolved(new Country(code), name, qualifier));
    }

    /** An English display name for a code ({@link Countries#name}). */
    public static String englishName(Country country) {
        return Countries.name(country);
    }

    static String normalise(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace("&", " and ").replace(".", " ")
                .replace(",", " ").replace("-", " ");
        return s.replaceAll("\\s+", " ").strip();
    }

    private static Map<String, String> buildNames() {
        Map<String, String> names = new HashMap<>();
        for (String iso2 : Locale.getISOCountries()) {
            Locale l = new Locale("", iso2);
            names.put(normalise(l.getDisplayCountry(Locale.ENGLISH)), l.getISO3Country());
        }
        ALIASES.forEach((alias, code) -> names.put(normalise(alias), code));
        return Map.copyOf(names);
    }
}
