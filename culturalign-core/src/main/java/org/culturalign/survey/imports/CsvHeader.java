package org.culturalign.survey.imports;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;

/** A CSV header line: column names as written, looked up case-insensitively (Stata and R exports lower-case them). */
final class CsvHeader {
    private final Path file;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    /** @throws InvalidInputException when a name appears twice (case-insensitively) */
    CsvHeader(Path file, List<String> names) {
        this.file = file;
        this.names = names.stream().map(String::strip).toList();
        for (int i = 0; i < this.names.size(); i++) {
            String name = this.names.get(i);
            if (name.isEmpty()) {
                continue;
            }
            Integer previous = index.putIfAbsent(name.toUpperCase(Locale.ROOT), i);
            if (previous != null) {
                throw new InvalidInputException(file + ":1: column '" + name + "' appears twice (fields "
                        + (previous + 1) + " and " + (i + 1) + "); expected unique column names");
            }
        }
    }

    List<String> names() {
        return names;
    }

    Optional<Integer> column(String name) {
        return Optional.ofNullable(index.get(name.toUpperCase(Locale.ROOT)));
    }

    int require(String name, String purpose) {
        return column(name).orElseThrow(() -> new InvalidInputException(file + ":1: missing column " + name
                + " (" + purpose + "); the header has " + names.size() + " columns"
                + ", the closest being " + NearestNames.nearestList(name, names, 3)));
    }
}
