package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    /** The report module's small-run fixture (results.json + samples.jsonl following docs/schemas/). */
    private static final Path SMALL_RUN = Paths.get("..", "culturalign-run", "src", "test", "resources", "org",
            "culturalign", "report", "small-run");

    @Test
    void reportWritesReportHtmlIntoTheRunFolderAndPrintsItsPath(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.copy(SMALL_RUN.resolve("results.json"), run.resolve("results.json"));
        Files.copy(SMALL_RUN.resolve("samples.jsonl"), run.resolve("samples.jsonl"));
        CliRun o = CliRun.of("report", run.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out().strip()).isEqualTo("report: " + run.resolve("report.html").toAbsolutePath().normalize());
        assertThat(Files.readString(run.resolve("report.html"))).startsWith("<!DOCTYPE html>")
                .contains("<section id=\"paper-table\"");
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("results.json", "samples.jsonl", "report.html");
        }
    }

    @Test
    void aFolderWithoutResultsIsAnInputErrorWithExitCode2AndNoReport(@TempDir Path tmp) {
        CliRun o = CliRun.of("report", tmp.toString());
        assertThat(o.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(o.err().strip()).isEqualTo("culturalign: " + tmp.resolve("results.json")
                + ": missing (has the run finished? culturalign eval writes it once every probe is scored)");
        assertThat(tmp.resolve("report.html")).doesNotExist();
    }

    @Test
    void severalRunsWithoutOutIsAnInputError(@TempDir Path tmp) {
        CliRun o = CliRun.of("report", SMALL_RUN.toString(), SMALL_RUN.toString());
        assertThat(o.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(o.err()).contains("several run folders need --out FILE");
    }
}
