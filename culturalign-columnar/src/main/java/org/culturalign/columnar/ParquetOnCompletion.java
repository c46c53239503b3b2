package org.culturalign.columnar;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import org.culturalign.run.RunCompletionHook;

/**
 * Writes {@code samples.parquet} and {@code cells.parquet} into every run folder that {@code culturalign eval}
 * finishes ({@link ParquetExport}). Registered in {@code META-INF/services/org.culturalign.run.RunCompletionHook}.
 * The Parquet files are copies of the text outputs: when DuckDB cannot run here (no native library for the
 * platform), the run still succeeds and one warning line says why the copies are missing.
 */
public final class ParquetOnCompletion implements RunCompletionHook {
    @Override
    public void runFinished(Path runFolder, PrintStream console) {
        try {
            ParquetExport.Written w = ParquetExport.write(runFolder);
            console.println("parquet: " + w.samples() + ", " + w.cells());
        } catch (IOException | SQLException | UnsatisfiedLinkError e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            console.println("warning: samples.parquet and cells.parquet not both written (" + e.getClass().getSimpleName()
                    + ": " + why + "); samples.jsonl and cells.csv hold the same data");
        }
    }
}
