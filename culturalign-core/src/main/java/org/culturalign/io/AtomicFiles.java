package org.culturalign.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files through a temporary file in the target's folder and a move, so readers (and a crash) only ever see
 * the old file or the complete new one. The temporary file is {@code .<name><random>.tmp} and is removed when
 * writing fails.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes content to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface IOConsumer<T> {
        /** Writes the whole content to {@code out}. */
        void accept(T out) throws IOException;
    }

    /**
     * Writes {@code target} atomically from a stream; parent folders are created.
     *
     * @throws IOException when writing or moving fails (the temporary file is removed, the target is unchanged)
     */
    public static void write(Path target, IOConsumer<OutputStream> content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try {
                // createTempFile makes the file owner-only; outputs are meant to be shared like any other file
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file systems keep their default permissions
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.accept(out);
            }
            moveInto(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code target} atomically as UTF-8 text.
     *
     * @throws IOException as {@link #write(Path, IOConsumer)}, also when the text has an unpaired surrogate
     */
    public static void writeText(Path target, IOConsumer<Writer> content) throws IOException {
        write(target, out -> {
            // an encoder (not a charset) so malformed text fails like Files.newBufferedWriter instead of becoming '?'
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
            content.accept(w);
            w.flush();
        });
    }

    /**
     * Writes a string atomically as UTF-8.
     *
     * @throws IOException as {@link #write(Path, IOConsumer)}
     */
    public static void writeString(Path target, String text) throws IOException {
        writeText(target, w -> w.write(text));
    }

    /**
     * Writes bytes atomically.
     *
     * @throws IOException as {@link #write(Path, IOConsumer)}
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Moves a finished file (in the target's folder) over {@code target}: atomically where the file system can,
     * else a plain replacing move.
     *
     * @throws IOException when the move fails
     */
    public static void moveInto(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
