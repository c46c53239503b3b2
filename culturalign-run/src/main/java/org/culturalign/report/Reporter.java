package org.culturalign.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.io.AtomicFiles;
import org.culturalign.survey.BundledSample;

/**
 * Writes the HTML report of one or several runs from their {@code results.json} and {@code samples.jsonl} only
 * (never the database or the model), so it can be regenerated at any time. The page is self-contained: inline CSS and
 * SVG, no script, nothing fetched. Sections and methods: {@code docs/report.md}.
 */
public final class Reporter {
    /** File name of the report in a run folder. */
    public static final String FILE_NAME = "report.html";

    private Reporter() {
    }

    /**
     * Writes the report of one run into its folder ({@code RUN_DIR/report.html}).
     *
     * @return the written file
     * @throws InvalidInputException when the run folder's files are missing or malformed
     */
    public static Path write(Path runDir) {
        return write(List.of(runDir), runDir.resolve(FILE_NAME));
    }

    /**
     * Writes the report of several runs (side by side) to {@code out}, atomically.
     *
     * @param runDirs run folders written by {@code culturalign eval}, at least one
     * @param out the HTML file to write; {@code null} means {@code report.html} in the single run folder
     * @return the written file
     * @throws InvalidInputException when no run is given, when {@code out} is null for several runs, or when a run
     *         folder's files are missing or malformed
     */
    public static Path write(List<Path> runDirs, Path out) {
        if (runDirs.isEmpty()) {
            throw new InvalidInputException("no run folder given (expected RUN_DIR [RUN_DIR ...])");
        }
        if (out == null) {
            if (runDirs.size() > 1) {
                throw new InvalidInputException("several run folders need --out FILE (where to write the report)");
            }
            out = runDirs.get(0).resolve(FILE_NAME);
        }
        List<Run> runs = runDirs.stream().map(RunReader::read).toList();
        String html = render(runs);
        try {
            AtomicFiles.writeString(out, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The report's HTML for these runs. The cultural map is fitted on the bundled WVS-7 sample (every country with
     * the map items, whatever the runs' grids); the model is placed from the runs' samples.
     */
    public static String render(List<Run> runs) {
        Map<String, Map<String, CodedDistribution>> fit = CulturalMapSection.humanAnswers(BundledSample.load());
        String source = BundledSample.NAME;
        if (fit.size() < CulturalMapFit.MIN_COUNTRIES) {
            fit = CulturalMapSection.humanAnswers(runs);
            source = "the runs' human distributions (samples.jsonl)";
        }
        return new HtmlReport(runs, fit, source).render();
    }
}
