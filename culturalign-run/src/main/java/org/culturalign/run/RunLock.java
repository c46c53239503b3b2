package org.culturalign.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.culturalign.InvalidInputException;

/**
 * An exclusive lock on a run folder, held while a run computes into it: the file {@value #FILE_NAME} locked with
 * {@link FileChannel#tryLock()} (an OS advisory lock, released by the OS when the process dies, also on kill -9) and
 * holding the owner's pid for the message of the process that is refused. The file stays after the run; only the
 * lock matters.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name in the run folder. */
    public static final String FILE_NAME = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock without waiting.
     *
     * @param folder an existing run folder
     * @throws InvalidInputException when another process (or another run in this JVM) holds it, naming its pid
     * @throws IOException           when the lock file cannot be opened
     */
    public static RunLock acquire(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            String owner;
            try {
                owner = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                owner = "";
            }
            throw new InvalidInputException("run folder " + folder + " is in use by another culturalign process"
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; wait for it to finish, or use another "
                    + "--output-path");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
                0);
        channel.force(false);
        return new RunLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close releases it as well
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
