package org.culturalign.survey.imports;

import java.util.Set;

/**
 * Options of the WVS importer.
 *
 * @param weight    the respondent weight to apply
 * @param countries ISO 3166-1 alpha-3 codes to keep (upper-case); empty keeps every country
 * @param questions item ids to keep (column names, upper-case); empty keeps every item column
 */
public record WvsImportOptions(WeightScheme weight, Set<String> countries, Set<String> questions) {
    /** Copies the sets. */
    public WvsImportOptions {
        countries = Set.copyOf(countries);
        questions = Set.copyOf(questions);
    }

    /** Every country and item, weighted by {@code W_WEIGHT}. */
    public static WvsImportOptions defaults() {
        return new WvsImportOptions(WeightScheme.W_WEIGHT, Set.of(), Set.of());
    }
}
