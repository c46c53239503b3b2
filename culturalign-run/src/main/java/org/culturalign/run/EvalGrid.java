package org.culturalign.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a config into its grid cells, in a fixed order (model, country, language, shots, selector, format,
 * persona). Zero shots need no demonstrations, so they form one cell per (model, country, language, format, persona)
 * with selector {@value GridCell#NO_SELECTOR}, however many selectors are configured. A language pairing
 * ({@link EvalConfig#languagePairing()}) leaves out the (country, language) pairs it does not hold.
 */
public final class EvalGrid {
    private EvalGrid() {
    }

    /** The cells of {@code config}, in grid order. */
    public static List<GridCell> cells(EvalConfig config) {
        List<GridCell> cells = new ArrayList<>();
        for (String model : config.models()) {
            for (String country : config.countries()) {
                for (String language : config.languages()) {
                    if (!config.pairs(country, language)) {
                        continue;
                    }
                    for (int k : config.shots()) {
                        List<String> selectors = k == 0 ? List.of(GridCell.NO_SELECTOR) : config.selectors();
                        for (String selector : selectors) {
                            for (String format : config.formats()) {
                                for (boolean persona : config.persona()) {
                                    cells.add(new GridCell(model, country, language, k, selector, format, persona));
                                }
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }
}
