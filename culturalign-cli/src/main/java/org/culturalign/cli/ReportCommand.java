package org.culturalign.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.culturalign.report.Reporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code culturalign report RUN_DIR [RUN_DIR ...] [--out FILE]}: the self-contained HTML report of runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report (inline charts, no network needed) of one or several runs "
                + "from their results.json and samples.jsonl: headline figures, whose opinions the model reflects, "
                + "ICL gains with CIs, per-language and per-category views, format robustness, the "
                + "Inglehart-Welzel cultural map, the paper-style table, a per-question drill-down and provenance.",
                "One run: written to RUN_DIR/report.html. Several runs: side by side, written to --out FILE."},
        footer = {"", "Examples:", "  culturalign report runs/2026-11-30T10-00-00-demo",
                "  culturalign report runs/a runs/b --out compare.html"})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run folders written by culturalign eval")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where to write the HTML (default: RUN_DIR/report.html; required for several runs)")
    Path out;

    @Override
    public Integer call() {
        Path written = Reporter.write(runDirs, out);
        spec.commandLine().getOut().println("report: " + written.toAbsolutePath().normalize());
        return ExitCodes.OK;
    }
}
