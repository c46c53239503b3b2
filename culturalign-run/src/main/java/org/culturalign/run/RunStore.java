package org.culturalign.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run's SQLite store ({@code run.db} in the run folder), the truth from which every output file is written. One
 * row per scored probe and one per skipped probe, unique per (cell, question), each batch inserted in one transaction,
 * so a process killed at any moment leaves only whole probes and a rerun computes only what is missing.
 * Thread-safe (one connection, synchronised).
 */
public final class RunStore implements AutoCloseable {
    /** The store's file name inside a run folder. */
    public static final String FILE_NAME = "run.db";

    private final Connection connection;

    private RunStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens or creates the store of a run folder. */
    public static RunStore open(Path runFolder) {
        Connection c = Sqlite.open(runFolder.resolve(FILE_NAME));
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS run (id INTEGER PRIMARY KEY CHECK (id = 1), config_hash TEXT NOT NULL,"
                    + " config_json TEXT NOT NULL, provenance_json TEXT NOT NULL, started_at TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS probe_result (cell_key TEXT NOT NULL, question_id TEXT NOT NULL,"
                    + " cell_index INTEGER NOT NULL, question_index INTEGER NOT NULL, sample_json TEXT NOT NULL,"
                    + " scores_json TEXT NOT NULL, PRIMARY KEY (cell_key, question_id))");
            st.execute("CREATE TABLE IF NOT EXISTS probe_skip (cell_key TEXT NOT NULL, question_id TEXT NOT NULL,"
                    + " cell_index INTEGER NOT NULL, question_index INTEGER NOT NULL, reason TEXT NOT NULL,"
                    + " PRIMARY KEY (cell_key, question_id))");
            st.execute("CREATE TABLE IF NOT EXISTS probe_failure (cell_key TEXT NOT NULL, question_id TEXT NOT NULL,"
                    + " cell_index INTEGER NOT NULL, question_index INTEGER NOT NULL, reason TEXT NOT NULL,"
                    + " PRIMARY KEY (cell_key, question_id))");
            st.execute("CREATE TABLE IF NOT EXISTS batch_reply (custom_id TEXT PRIMARY KEY, ok INTEGER NOT NULL,"
                    + " body TEXT, error TEXT)");
            st.execute("CREATE TABLE IF NOT EXISTS retry_count (status TEXT PRIMARY KEY, retries INTEGER NOT NULL,"
                    + " waited_ms INTEGER NOT NULL, gave_up INTEGER NOT NULL)");
        } catch (SQLException e) {
            close(c);
            throw new Sqlite.StoreException("cannot initialise " + runFolder.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
        return new RunStore(c);
    }

    /** The config hash recorded in an existing run folder's store, read without creating anything. */
    public static Optional<String> recordedConfigHash(Path runFolder) {
        Path db = runFolder.resolve(FILE_NAME);
        if (!Files.isRegularFile(db)) {
            return Optional.empty();
        }
        try (RunStore store = open(runFolder)) {
            return store.runRecord().map(RunRecord::configHash);
        }
    }

    /** The stored run record, if the run was started. */
    public synchronized Optional<RunRecord> runRecord() {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT config_hash, config_json, provenance_json, started_at FROM run")) {
            return rs.next() ? Optional.of(new RunRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4))) : Optional.empty();
        } catch (SQLException e) {
            throw fail("read the run record", e);
        }
    }

    /** Records the run (first start only; a resumed run keeps its first record). */
    public synchronized void recordRun(RunRecord record) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO run (id, config_hash, config_json,"
                + " provenance_json, started_at) VALUES (1, ?, ?, ?, ?)")) {
            ps.setString(1, record.configHash());
            ps.setString(2, record.configJson());
            ps.setString(3, record.provenanceJson());
            ps.setString(4, record.startedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw fail("record the run", e);
        }
    }

    /** Keys ({@link #key}) of every probe already scored or skipped. */
    public synchronized Set<String> doneKeys() {
        Set<String> done = new HashSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT cell_key, question_id FROM probe_result UNION ALL "
                     + "SELECT cell_key, question_id FROM probe_skip")) {
            while (rs.next()) {
                done.add(key(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw fail("read finished probes", e);
        }
        return done;
    }

    /** The done-set key of a (cell, question). */
    public static String key(String cellKey, String questionId) {
        return cellKey + "#" + questionId;
    }

    /**
     * Inserts scored and skipped probes in one transaction. A row whose (cell, question) is already present is
     * ignored: a probe is never stored twice. A scored probe's earlier failure (if any) is removed.
     */
    public synchronized void commit(List<ProbeRow> rows, List<SkipRow> skips) {
        if (rows.isEmpty() && skips.isEmpty()) {
            return;
        }
        try {
            Sqlite.inTransaction(connection, () -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO probe_result"
                        + " (cell_key, question_id, cell_index, question_index, sample_json, scores_json)"
                        + " VALUES (?, ?, ?, ?, ?, ?)");
                     PreparedStatement sk = connection.prepareStatement("INSERT OR IGNORE INTO probe_skip"
                             + " (cell_key, question_id, cell_index, question_index, reason) VALUES (?, ?, ?, ?, ?)")) {
                    for (ProbeRow r : rows) {
                        ps.setString(1, r.cellKey());
                        ps.setString(2, r.questionId());
                        ps.setInt(3, r.cellIndex());
                        ps.setInt(4, r.questionIndex());
                        ps.setString(5, r.sampleJson());
                        ps.setString(6, r.scoresJson());
                        ps.addBatch();
                    }
                    for (SkipRow s : skips) {
                        sk.setString(1, s.cellKey());
                        sk.setString(2, s.questionId());
                        sk.setInt(3, s.cellIndex());
                        sk.setInt(4, s.questionIndex());
                        sk.setString(5, s.reason());
                        sk.addBatch();
                    }
                    ps.executeBatch();
                    sk.executeBatch();
                }
                if (!rows.isEmpty()) {
                    try (PreparedStatement del = connection.prepareStatement("DELETE FROM probe_failure"
                            + " WHERE cell_key = ? AND question_id = ?")) {
                        for (ProbeRow r : rows) {
                            del.setString(1, r.cellKey());
                            del.setString(2, r.questionId());
                            del.addBatch();
                        }
                        del.executeBatch();
                    }
                }
            });
        } catch (SQLException e) {
            throw fail("store " + rows.size() + " probe results", e);
        }
    }

    /**
     * Records probes that failed (a reply carrying an error, an unusable reply), replacing an earlier failure of the
     * same probe. Failed probes are not done: a rerun tries them again.
     */
    public synchronized void recordFailures(List<FailureRow> failures) {
        if (failures.isEmpty()) {
            return;
        }
        try {
            Sqlite.inTransaction(connection, () -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO probe_failure"
                        + " (cell_key, question_id, cell_index, question_index, reason) VALUES (?, ?, ?, ?, ?)")) {
                    for (FailureRow f : failures) {
                        ps.setString(1, f.cellKey());
                        ps.setString(2, f.questionId());
                        ps.setInt(3, f.cellIndex());
                        ps.setInt(4, f.questionIndex());
                        ps.setString(5, f.reason());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw fail("store " + failures.size() + " probe failures", e);
        }
    }

    /** The failed probes that are not scored since, in grid order: cell, then question. */
    public synchronized List<FailureRow> failures() {
        List<FailureRow> out = new java.util.ArrayList<>();
        query("SELECT cell_key, question_id, cell_index, question_index, reason FROM probe_failure"
                + " ORDER BY cell_index, question_index", rs -> out.add(new FailureRow(rs.getString(1),
                rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5))));
        return out;
    }

    /**
     * Stores batch replies by {@code custom_id} in one transaction, replacing earlier replies of the same ids (a
     * resubmitted batch replaces the error lines of the first). {@code lines} is consumed inside the transaction: an
     * exception from it rolls every reply of this call back.
     */
    public synchronized int putBatchReplies(java.util.Iterator<BatchReply> lines) {
        int[] n = new int[1];
        try {
            Sqlite.inTransaction(connection, () -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO batch_reply"
                        + " (custom_id, ok, body, error) VALUES (?, ?, ?, ?)")) {
                    while (lines.hasNext()) {
                        BatchReply r = lines.next();
                        ps.setString(1, r.customId());
                        ps.setInt(2, r.ok() ? 1 : 0);
                        ps.setString(3, r.body());
                        ps.setString(4, r.error());
                        ps.executeUpdate();
                        n[0]++;
                    }
                }
            });
        } catch (SQLException e) {
            throw fail("store batch replies", e);
        }
        return n[0];
    }

    /** The stored batch reply of {@code customId}, if any. */
    public synchronized Optional<BatchReply> batchReply(String customId) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT ok, body, error FROM batch_reply"
                + " WHERE custom_id = ?")) {
            ps.setString(1, customId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new BatchReply(customId, rs.getInt(1) == 1, rs.getString(2),
                        rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw fail("read a batch reply", e);
        }
    }

    /**
     * Adds an invocation's retry counts to the run's (by status), so that a run stopped by a backend and resumed
     * reports the retries of both invocations.
     */
    public synchronized void addRetries(Map<String, RetryCounts.Count> counts) {
        if (counts.isEmpty()) {
            return;
        }
        try {
            Sqlite.inTransaction(connection, () -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO retry_count (status, retries,"
                        + " waited_ms, gave_up) VALUES (?, ?, ?, ?) ON CONFLICT (status) DO UPDATE SET"
                        + " retries = retries + excluded.retries, waited_ms = waited_ms + excluded.waited_ms,"
                        + " gave_up = gave_up + excluded.gave_up")) {
                    for (Map.Entry<String, RetryCounts.Count> e : counts.entrySet()) {
                        ps.setString(1, e.getKey());
                        ps.setLong(2, e.getValue().retries());
                        ps.setLong(3, e.getValue().waitedMs());
                        ps.setLong(4, e.getValue().gaveUp());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw fail("store the retry counts", e);
        }
    }

    /** The run's retry counts over all its invocations, by status in order. */
    public synchronized Map<String, RetryCounts.Count> retryCounts() {
        Map<String, RetryCounts.Count> out = new LinkedHashMap<>();
        query("SELECT status, retries, waited_ms, gave_up FROM retry_count ORDER BY status", rs -> out.put(
                rs.getString(1), new RetryCounts.Count(rs.getLong(2), rs.getLong(3), rs.getLong(4))));
        return out;
    }

    /** Streams the committed samples (JSON lines) in grid order: cell, then question. */
    public synchronized void forEachSample(Consumer<String> sink) {
        query("SELECT sample_json FROM probe_result ORDER BY cell_index, question_index", rs -> sink.accept(rs.getString(1)));
    }

    /** Streams (cell key, scores JSON) of the committed probes in grid order, for the aggregates. */
    public synchronized void forEachScores(java.util.function.BiConsumer<String, String> sink) {
        query("SELECT cell_key, scores_json FROM probe_result ORDER BY cell_index, question_index",
                rs -> sink.accept(rs.getString(1), rs.getString(2)));
    }

    /** Skip counts per cell key, then per reason. */
    public synchronized Map<String, Map<String, Integer>> skipCounts() {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        query("SELECT cell_key, reason, COUNT(*) FROM probe_skip GROUP BY cell_key, reason ORDER BY MIN(cell_index), reason",
                rs -> counts.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3)));
        return counts;
    }

    /** Number of scored probes. */
    public synchronized int scoredCount() {
        int[] n = new int[1];
        query("SELECT COUNT(*) FROM probe_result", rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowHandler handler) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                handler.handle(rs);
            }
        } catch (SQLException e) {
            throw fail("read the run store", e);
        }
    }

    private static Sqlite.StoreException fail(String what, SQLException e) {
        return new Sqlite.StoreException("run store: cannot " + what + ": " + e.getMessage(), e);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure
        }
    }

    @Override
    public synchronized void close() {
        close(connection);
    }

    /** The run's identity and provenance as stored. */
    public record RunRecord(String configHash, String configJson, String provenanceJson, String startedAt) {
    }

    /** One scored probe: its sample line (samples.jsonl) and the scores the aggregates read. */
    public record ProbeRow(String cellKey, String questionId, int cellIndex, int questionIndex, String sampleJson,
                           String scoresJson) {
    }

    /** One failed probe and why (one line naming the request and the error). */
    public record FailureRow(String cellKey, String questionId, int cellIndex, int questionIndex, String reason) {
    }

    /**
     * One line of a batch output file as stored: {@code ok} with the response body (JSON text), or not ok with the
     * error (one line: status and message).
     */
    public record BatchReply(String customId, boolean ok, String body, String error) {
    }

    /** One skipped probe and why. */
    public record SkipRow(String cellKey, String questionId, int cellIndex, int questionIndex, String reason) {
    }
}
