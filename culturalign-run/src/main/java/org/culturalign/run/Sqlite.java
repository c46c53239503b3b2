package org.culturalign.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens SQLite files the way the store and the cache need them: WAL, a busy timeout, durable against process death. */
final class Sqlite {
    /** How long a writer waits for another process' lock before failing (ms). */
    static final int BUSY_TIMEOUT_MS = 30_000;

    private Sqlite() {
    }

    /**
     * Opens (creating) a database file in WAL mode. {@code synchronous=NORMAL}: a committed transaction survives the
     * death of the process (it is in the WAL file), not a power loss, which is the durability we promise.
     */
    static Connection open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
            }
            return c;
        } catch (SQLException e) {
            throw new StoreException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file, e);
        }
    }

    /** Database work that may fail. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: commits it, or rolls it back and rethrows the failure (an SQL error or an
     * unchecked exception of the work). Auto-commit is restored either way.
     *
     * @throws SQLException the failure of the work or of the commit
     */
    static void inTransaction(Connection connection, Work work) throws SQLException {
        try {
            connection.setAutoCommit(false);
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            // a RuntimeException too: restoring auto-commit below would otherwise commit the half-done work
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the next call reports it
            }
        }
    }

    /** A store or cache failure (I/O, a corrupt file): not the user's input, exit code 1. */
    static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
