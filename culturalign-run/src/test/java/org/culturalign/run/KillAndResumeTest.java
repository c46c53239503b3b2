package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL part-way and rerun ends exactly as an uninterrupted run, with no probe twice and both
 * SQLite files passing {@code PRAGMA integrity_check}; two runs sharing one response cache at the same time both
 * finish (WAL, busy timeout). The 20-kill soak is {@code bench/kill-soak.sh}.
 */
class KillAndResumeTest {
    @TempDir
    Path dir;

    private Process start(Path out, Path cache, long delayMs) throws Exception {
        return start(out, cache, delayMs, dir.resolve("child-" + System.nanoTime() + ".log"));
    }

    private Process start(Path out, Path cache, long delayMs, Path log) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", cp, KillableEvalMain.class.getName(), out.toString(), cache.toString(),
                String.valueOf(delayMs)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static int committedRows(Path out) {
        File db = out.resolve(RunStore.FILE_NAME).toFile();
        if (!db.exists()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.getAbsolutePath());
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM probe_result")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static List<String> samplesWithoutCacheFlag(Path out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("samples.jsonl"))) {
            ObjectNode n = (ObjectNode) json.readTree(line);
            n.remove("cached");
            lines.add(n.toString());
        }
        return lines;
    }

    @Test
    void aRunKilledPartWayAndRerunEqualsAnUninterruptedRunWithNoProbeTwice() throws Exception {
        Path reference = dir.resolve("reference");
        Process uninterrupted = start(reference, dir.resolve("cache-ref.db"), 0);
        assertThat(uninterrupted.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(uninterrupted.exitValue()).isZero();

        Path killed = dir.resolve("killed");
        Path cache = dir.resolve("cache.db");
        Process victim = start(killed, cache, 40);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (committedRows(killed) < 16 && victim.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(victim.isAlive()).as("the run must still be going when it is killed").isTrue();
        victim.destroyForcibly();
        victim.waitFor(30, TimeUnit.SECONDS);
        int rowsAtKill = committedRows(killed);
        assertThat(integrity(killed.resolve(RunStore.FILE_NAME))).isEqualTo("ok");
        assertThat(integrity(cache)).isEqualTo("ok");
        ResultsDocument ref = ResultsReader.read(reference.resolve("results.json"));
        assertThat(rowsAtKill).isGreaterThanOrEqualTo(16).isLessThan((int) ref.counts().probesScored());
        assertThat(killed.resolve("results.json")).doesNotExist();

        Process rerun = start(killed, cache, 0);
        assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(rerun.exitValue()).isZero();

        List<String> resumed = samplesWithoutCacheFlag(killed);
        assertThat(resumed).isEqualTo(samplesWithoutCacheFlag(reference));
        Set<String> keys = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : resumed) {
            var n = json.readTree(line);
            assertThat(keys.add(n.get("country").asText() + "|" + n.get("shots").asText() + "|"
                    + n.get("selector").asText() + "|" + n.get("questionId").asText())).isTrue();
        }
        ResultsDocument after = ResultsReader.read(killed.resolve("results.json"));
        assertThat(after.cells()).isEqualTo(ref.cells());
        assertThat(after.iclGains()).isEqualTo(ref.iclGains());
        assertThat(after.significance()).isEqualTo(ref.significance());
        assertThat(after.counts().probesScored()).isEqualTo(ref.counts().probesScored());
        for (String f : List.of("cells.csv", "icl_gains.csv", "significance.csv", "skips.csv")) {
            assertThat(Files.readString(killed.resolve(f))).as(f).isEqualTo(Files.readString(reference.resolve(f)));
        }
    }

    private static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }

    @Test
    void twoRunsSharingOneResponseCacheAtOnceBothFinishWithoutALockError() throws Exception {
        Path reference = dir.resolve("reference");
        Process alone = start(reference, dir.resolve("cache-alone.db"), 0);
        assertThat(alone.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(alone.exitValue()).isZero();
        // both processes write the same 120 responses into one cache file as fast as they can, at the same time
        Path cache = dir.resolve("shared-cache.db");
        List<Process> runs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path log = dir.resolve("concurrent-" + i + ".log");
            logs.add(log);
            runs.add(start(dir.resolve("concurrent-" + i), cache, 0, log));
        }
        ResultsDocument ref = ResultsReader.read(reference.resolve("results.json"));
        for (int i = 0; i < 2; i++) {
            assertThat(runs.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(logs.get(i));
            assertThat(runs.get(i).exitValue()).as(printed).isZero();
            assertThat(printed).doesNotContainIgnoringCase("locked").doesNotContain("SQLITE_BUSY");
            ResultsDocument r = ResultsReader.read(dir.resolve("concurrent-" + i).resolve("results.json"));
            assertThat(r.cells()).isEqualTo(ref.cells());
            assertThat(samplesWithoutCacheFlag(dir.resolve("concurrent-" + i)))
                    .isEqualTo(samplesWithoutCacheFlag(reference));
        }
        assertThat(integrity(cache)).isEqualTo("ok");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache.toAbsolutePath());
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM response")) {
            assertThat(rs.next()).isTrue();
            try (Connection a = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache-alone.db"));
                 ResultSet ra = a.createStatement().executeQuery("SELECT COUNT(*) FROM response")) {
                assertThat(ra.next()).isTrue();
                assertThat(rs.getInt(1)).as("every response once").isEqualTo(ra.getInt(1));
            }
        }
    }

    private void waitForRows(Process p, Path out, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (committedRows(out) < rows && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("the run must still be going").isTrue();
    }

    @Test
    void aRunStoppedLikeCtrlCSaysHowManyProbesAreSavedAndHowToResume() throws Exception {
        Path out = dir.resolve("stopped");
        Path log = dir.resolve("stopped.log");
        Process victim = start(out, dir.resolve("cache.db"), 40, log);
        waitForRows(victim, out, 8);
        victim.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C (SIGINT)
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(log);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("culturalign: interrupted: (\\d+) of 120 probes "
                + "saved in " + java.util.regex.Pattern.quote(out.toString())
                + "; rerun the same command to resume").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(8).isLessThanOrEqualTo(committedRows(out));
    }

    @Test
    void aSecondProcessOnTheSameRunFolderIsRefusedWithTheOwnersPidAndWritesNothing() throws Exception {
        Path out = dir.resolve("shared");
        Process first = start(out, dir.resolve("cache.db"), 40);
        try {
            waitForRows(first, out, 1);
            long before = Files.size(out.resolve(RunStore.FILE_NAME));
            CountingModel second = new CountingModel();
            RunOptions options = new RunOptions(out, null, 1, false, RunOptions.ProgressMode.QUIET);
            try (EvalSession s = EvalSession.open(KillableEvalMain.config(), options, "test", spec -> second)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.run(new java.io.PrintStream(
                        java.io.OutputStream.nullOutputStream())))
                        .isInstanceOf(org.culturalign.InvalidInputException.class)
                        .hasMessage("run folder " + out + " is in use by another culturalign process (pid "
                                + first.pid() + "); wait for it to finish, or use another --output-path");
            }
            assertThat(second.requests.get()).isZero();
            assertThat(Files.size(out.resolve(RunStore.FILE_NAME))).isGreaterThanOrEqualTo(before);
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
