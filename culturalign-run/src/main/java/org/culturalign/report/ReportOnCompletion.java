package org.culturalign.report;

import java.io.PrintStream;
import java.nio.file.Path;
import org.culturalign.run.RunCompletionHook;

/**
 * Writes {@code report.html} into every run folder that {@code culturalign eval} finishes, so the main job ends with
 * its report. Registered in {@code META-INF/services/org.culturalign.run.RunCompletionHook}.
 */
public final class ReportOnCompletion implements RunCompletionHook {
    @Override
    public void runFinished(Path runFolder, PrintStream console) {
        Path report = Reporter.write(runFolder);
        console.println("report: " + report);
    }
}
