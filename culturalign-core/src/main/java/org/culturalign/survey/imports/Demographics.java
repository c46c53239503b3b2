package org.culturalign.survey.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.culturalign.survey.Subgroup;

/**
 * The demographic columns of a WVS-7 file and the subgroups a respondent row belongs to (one per dimension at most):
 * sex {@code Q260}, age {@code Q262}, education {@code Q275R} (or {@code Q275} ISCED when Q275R is absent),
 * settlement {@code H_URBRURAL}; see {@link Subgroup} for the codes. A dimension whose column the file lacks is left
 * out (and said so in the import summary); a blank or missing (negative) code puts the respondent in no subgroup of
 * that dimension.
 */
final class Demographics {
    private record Column(Subgroup.Dimension dimension, String name, int index, IntFunction<Optional<Subgroup>> map) {
    }

    private final List<Column> columns;
    private final List<String> absent;

    private Demographics(List<Column> columns, List<String> absent) {
        this.columns = columns;
        this.absent = absent;
    }

    /** No demographic columns: every respondent is in no subgroup. */
    static Demographics none() {
        return new Demographics(List.of(), List.of());
    }

    /** The demographic columns of the file's header. */
    static Demographics of(FastCsvReader csv) {
        List<Column> columns = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        add(csv, columns, absent, Subgroup.Dimension.SEX, "Q260", Subgroup::sex);
        add(csv, columns, absent, Subgroup.Dimension.AGE, "Q262", Subgroup::ageBand);
        if (csv.header().column("Q275R").isPresent()) {
            add(csv, columns, absent, Subgroup.Dimension.EDUCATION, "Q275R", Subgroup::educationRecoded);
        } else {
            add(csv, columns, absent, Subgroup.Dimension.EDUCATION, "Q275", Subgroup::educationIsced);
        }
        add(csv, columns, absent, Subgroup.Dimension.SETTLEMENT, "H_URBRURAL", Subgroup::settlement);
        return new Demographics(List.copyOf(columns), List.copyOf(absent));
    }

    private static void add(FastCsvReader csv, List<Column> columns, List<String> absent, Subgroup.Dimension d,
                            String name, IntFunction<Optional<Subgroup>> map) {
        Optional<Integer> col = csv.header().column(name);
        if (col.isPresent()) {
            columns.add(new Column(d, name, col.get(), map));
        } else {
            absent.add(d.id() + " (" + (d == Subgroup.Dimension.EDUCATION ? "Q275R or Q275" : name) + ")");
        }
    }

    /**
     * The subgroups of the current row, written to {@code out} from index 0.
     *
     * @param out room for one subgroup per dimension
     * @return how many were written
     * @throws org.culturalign.InvalidInputException for a non-numeric demographic cell (naming file, line, column)
     */
    int groupsOf(FastCsvReader csv, Subgroup[] out) {
        int n = 0;
        for (Column c : columns) {
            if (csv.blank(c.index)) {
                continue;
            }
            Optional<Subgroup> g = c.map.apply(WvsImporter.code(csv, c.index));
            if (g.isPresent()) {
                out[n++] = g.get();
            }
        }
        return n;
    }

    /** Adds the columns used, the dimensions left out and the respondents per subgroup to the import summary. */
    void describe(ImportSummary summary, Map<Subgroup, Long> respondents) {
        for (Column c : columns) {
            StringBuilder counts = new StringBuilder();
            for (Subgroup g : Subgroup.values()) {
                if (g.dimension() == c.dimension) {
                    counts.append(counts.length() == 0 ? "" : ", ").append(g.id()).append(' ')
                            .append(respondents.getOrDefault(g, 0L));
                }
            }
            summary.note("subgroups by " + c.dimension.id() + " from column " + c.name + ": respondents " + counts);
        }
        if (!absent.isEmpty()) {
            summary.note("no subgroups by " + String.join(", ", absent) + ": the file has no such column");
        }
    }
}
