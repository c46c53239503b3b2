package org.culturalign.survey.imports;

import java.util.Set;

/**
 * Options of the WVS importer.
 *
 * @param weight    the respondent weight to apply
 * @param countries ISO 3166-1 alpha-3 codes to keep (upper-case); empty keeps every country
 * @param questions item ids to keep (column names, upper-case); empty keeps every item column
 * @param subgroups whether to compute shares per demographic subgroup too (where the file has the columns)
 */
public record WvsImportOptions(WeightScheme weight, Set<String> countries, Set<String> questions,
                               boolean subgroups) {
    /** Copies the sets. */
    public WvsImportOptions {
        countries = Set.copyOf(countries);
        questions = Set.copyOf(questions);
    }

    /** With subgroups. */
    public WvsImportOptions(WeightScheme weight, Set<String> countries, Set<String> questions) {
        this(weight, countries, questions, true);
    }

    /** Every country and item, weighted by {@code W_WEIGHT}. */
    public static WvsImportOptions defaults() {
        return new WvsImportOptions(WeightScheme.W_WEIGHT, Set.of(), Set.of());
    }
}
