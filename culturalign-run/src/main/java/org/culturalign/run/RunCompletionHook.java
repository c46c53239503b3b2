package org.culturalign.run;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Called after {@code culturalign eval} has written a run folder's files (results.json, samples.jsonl, CSVs). The
 * report stage registers one in {@code META-INF/services/org.culturalign.run.RunCompletionHook} to write
 * {@code report.html} at the end of every eval; found by {@link java.util.ServiceLoader}.
 */
public interface RunCompletionHook {
    /**
     * @param runFolder the finished run folder
     * @param console   where to print one line about what was written
     */
    void runFinished(Path runFolder, PrintStream console);
}
