package org.culturalign.run;

import java.nio.file.Path;

/**
 * How and where a run executes; nothing here changes a number, so none of it is part of the config hash.
 *
 * @param outputPath  the run folder (created when the run starts; an existing one is resumed)
 * @param cachePath   the response cache SQLite file, or null to disable the cache
 * @param concurrency probes scored in parallel (&gt;= 1); backends that are not thread-safe get 1
 * @param overwrite   whether a run folder holding a different config may be replaced
 * @param progress    where progress is shown
 */
public record RunOptions(Path outputPath, Path cachePath, int concurrency, boolean overwrite, ProgressMode progress) {
    /** @throws IllegalArgumentException for a missing folder or concurrency below 1 */
    public RunOptions {
        if (outputPath == null) {
            throw new IllegalArgumentException("output path is required");
        }
        if (concurrency < 1) {
            throw new org.culturalign.InvalidInputException("--concurrency: must be >= 1, got " + concurrency);
        }
        progress = progress == null ? ProgressMode.AUTO : progress;
    }

    /**
     * The default cache file: {@code $CULTURALIGN_CACHE/cache.db} when that variable is set, else
     * {@code ~/.cache/culturalign/cache.db}.
     */
    public static Path defaultCachePath() {
        String env = System.getenv("CULTURALIGN_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).resolve("cache.db");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "culturalign", "cache.db");
    }

    /** Progress display. */
    public enum ProgressMode {
        /** A progress bar on a terminal, log lines otherwise. */
        AUTO,
        /** Plain log lines. */
        LOG,
        /** Nothing. */
        QUIET
    }
}
