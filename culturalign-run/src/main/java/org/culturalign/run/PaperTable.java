package org.culturalign.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.culturalign.io.AtomicFiles;

/**
 * The paper-style table of a run, as {@code paper_table.md} and {@code paper_table.csv} in the run folder: per
 * (country, language) the mean similarity at 0 shots and, per selector, at k shots with the gain ΔS, its 95%
 * bootstrap CI and whether it survives the Benjamini-Hochberg FDR; with the human ceiling. One table per (model,
 * format, persona, k &gt; 0). Built from the results document only.
 */
final class PaperTable {
    private PaperTable() {
    }

    private record Group(String model, String format, boolean persona, int shots) {
    }

    static void write(Path folder, ResultsDocument doc) {
        Map<Group, List<ResultsDocument.IclGain>> groups = new LinkedHashMap<>();
        for (ResultsDocument.IclGain g : doc.iclGains()) {
            groups.computeIfAbsent(new Group(g.model(), g.format(), g.persona(), g.shots()), x -> new ArrayList<>())
                    .add(g);
        }
        StringBuilder md = new StringBuilder("# Similarity at 0 and k shots\n\n");
        md.append("Mean similarity (1 - Jensen-Shannon distance, log 2) between the model's and the country's answer "
                + "distributions, over the questions both cells scored. ΔS = S(k) - S(0) with its 95% paired "
                + "bootstrap CI; † marks a gain that survives Benjamini-Hochberg at FDR q = ")
                .append(doc.analysis() == null ? "?" : fmt(doc.analysis().fdrQ(), "%s"))
                .append(" over all the run's gains. Ceiling: split-half similarity of the country's respondents "
                        + "(mean over its questions with a respondent count; – where n is unknown).\n");
        if (groups.isEmpty()) {
            md.append("\nThe run has no k-shot gains (no 0-shot and k-shot cells to compare).\n");
        }
        List<List<Object>> csv = new ArrayList<>();
        for (Map.Entry<Group, List<ResultsDocument.IclGain>> e : groups.entrySet()) {
            Group g = e.getKey();
            Set<String> selectors = new LinkedHashSet<>();
            Set<String> pairs = new LinkedHashSet<>();
            Map<String, ResultsDocument.IclGain> byKey = new LinkedHashMap<>();
            for (ResultsDocument.IclGain x : e.getValue()) {
                selectors.add(x.selector());
                pairs.add(x.country() + "|" + x.language());
                byKey.put(x.country() + "|" + x.language() + "|" + x.selector(), x);
            }
            md.append("\n## ").append(g.model()).append(", format ").append(g.format())
                    .append(g.persona() ? ", persona" : "").append(", k = ").append(g.shots()).append("\n\n");
            md.append("| country | language | S(0) |");
            selectors.forEach(s -> md.append(" S(k) ").append(s).append(" | ΔS ").append(s).append(" [95% CI] |"));
            md.append(" ceiling | S(0) / ceiling |\n|---|---|---:|");
            selectors.forEach(s -> md.append("---:|---:|"));
            md.append("---:|---:|\n");
            for (String pair : pairs) {
                String country = pair.substring(0, pair.indexOf('|'));
                String language = pair.substring(pair.indexOf('|') + 1);
                Optional<ResultsDocument.Cell> zero = cell(doc, g, country, language);
                ResultsDocument.IclGain any = selectors.stream().map(s -> byKey.get(pair + "|" + s))
                        .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
                md.append("| ").append(country).append(" | ").append(language).append(" | ")
                        .append(zero.map(c -> fmt(c.metrics().get(ResultsWriter.GAIN_METRIC).mean(), "%.3f"))
                                .orElse(fmt(any.zeroShot(), "%.3f"))).append(" |");
                for (String s : selectors) {
                    ResultsDocument.IclGain x = byKey.get(pair + "|" + s);
                    if (x == null) {
                        md.append(" – | – |");
                        continue;
                    }
                    md.append(' ').append(fmt(x.kShot(), "%.3f")).append(" | ").append(fmt(x.estimate(), "%+.3f"))
                            .append(" [").append(fmt(x.ciLower(), "%+.3f")).append(", ")
                            .append(fmt(x.ciUpper(), "%+.3f")).append("]")
                            .append(Boolean.TRUE.equals(x.survivesFdr()) ? " †" : "").append(" |");
                    Double ceiling = zero.map(ResultsDocument.Cell::humanCeiling)
                            .map(ResultsDocument.CellCeiling::ceiling).orElse(null);
                    csv.add(List.of(g.model(), g.format(), g.persona(), g.shots(), country, language, s, x.n(),
                            x.zeroShot(), x.kShot(), x.estimate(), x.ciLower(), x.ciUpper(), nz(x.pValue()),
                            nz(x.pAdjusted()), nz(x.survivesFdr()), nz(ceiling)));
                }
                ResultsDocument.CellCeiling c = zero.map(ResultsDocument.Cell::humanCeiling).orElse(null);
                md.append(' ').append(c == null || c.ceiling() == null ? "–" : fmt(c.ceiling(), "%.3f"))
                        .append(" | ").append(c == null || c.fractionOfCeiling() == null ? "–"
                                : fmt(100 * c.fractionOfCeiling(), "%.0f%%")).append(" |\n");
            }
        }
        try {
            AtomicFiles.writeText(folder.resolve("paper_table.md"), w -> w.write(md.toString()));
            AtomicFiles.writeText(folder.resolve("paper_table.csv"), w -> {
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("model", "format", "persona",
                        "shots", "country", "language", "selector", "n", "zero_shot", "k_shot", "gain", "ci_lower",
                        "ci_upper", "p_value", "p_adjusted", "survives_fdr", "human_ceiling_zero_shot")
                        .setRecordSeparator('\n').get());
                for (List<Object> row : csv) {
                    p.printRecord(row);
                }
                p.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the paper table in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Optional<ResultsDocument.Cell> cell(ResultsDocument doc, Group g, String country, String language) {
        return doc.cells().stream().filter(c -> c.model().equals(g.model()) && c.format().equals(g.format())
                && c.persona() == g.persona() && c.shots() == 0 && c.country().equals(country)
                && c.language().equals(language) && c.n() > 0
                && c.metrics().containsKey(ResultsWriter.GAIN_METRIC)).findFirst();
    }

    private static Object nz(Object v) {
        return v == null ? "" : v;
    }

    private static String fmt(double v, String pattern) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
