package org.culturalign.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Checks a large file against an expected size and SHA-256 once, and remembers the result in a sidecar file
 * {@code FILE.verified} ({@code sha256=}, {@code size=}, {@code mtime_ms=} lines; {@code tools/fetch-test-model.sh}
 * writes the same). While the file keeps that size and modification time, later checks trust the sidecar instead of
 * hashing the file again. A change that keeps both (rare; e.g. an in-place edit followed by {@code touch -d}) is not
 * noticed: the sidecar is a cache of a check, not a signature.
 */
public final class VerifiedFile {
    /** The suffix of the sidecar file. */
    public static final String SUFFIX = ".verified";

    private VerifiedFile() {
    }

    /**
     * The outcome of a check.
     *
     * @param ok     whether the file has the expected size and hash
     * @param hashed whether the file's content was read (false: the size differed, or the sidecar vouched for it)
     * @param reason why not ok (empty when ok)
     */
    public record Check(boolean ok, boolean hashed, String reason) {
    }

    /** The sidecar of {@code file}. */
    public static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /**
     * Whether {@code file} has {@code size} bytes and SHA-256 {@code sha256}: the size first, then the sidecar, then
     * the content. A successful hash is recorded in the sidecar (silently skipped where the folder is read-only).
     *
     * @throws IOException when the file cannot be read
     */
    public static Check check(Path file, long size, String sha256) throws IOException {
        String expected = sha256.toLowerCase(Locale.ROOT);
        long actualSize = Files.size(file);
        if (actualSize != size) {
            return new Check(false, false, file + " has " + actualSize + " bytes, expected " + size);
        }
        long mtime = Files.getLastModifiedTime(file).toMillis();
        if (sidecarVouches(file, expected, size, mtime)) {
            return new Check(true, false, "");
        }
        String actual = Sha256.hexOf(file);
        if (!actual.equals(expected)) {
            return new Check(false, true, file + " has sha256 " + actual + ", expected " + expected);
        }
        try {
            AtomicFiles.writeString(sidecar(file), "# written by culturalign: the file had this SHA-256 at this size "
                    + "and modification time\nsha256=" + expected + "\nsize=" + size + "\nmtime_ms=" + mtime + "\n");
        } catch (IOException readOnly) {
            // no sidecar: the next check hashes again
        }
        return new Check(true, true, "");
    }

    private static boolean sidecarVouches(Path file, String sha256, long size, long mtime) {
        Path side = sidecar(file);
        if (!Files.isRegularFile(side)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(side, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException unreadable) {
            return false;
        }
        return sha256.equals(p.getProperty("sha256")) && Long.toString(size).equals(p.getProperty("size"))
                && Long.toString(mtime).equals(p.getProperty("mtime_ms"));
    }
}
