package org.culturalign.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.culturalign.InvalidInputException;

/**
 * Checks a model path before native code sees it, so the common mistakes get one clear line: a missing file, a
 * directory, a file too short to be GGUF, a file that is not GGUF (wrong magic), an unsupported GGUF version.
 * Deeper damage (truncated tensor data, unknown architecture) is reported by llama.cpp itself, which returns NULL.
 */
final class GgufFileCheck {
    private static final int HEADER = 24; // magic, version, tensor count, metadata count

    private GgufFileCheck() {
    }

    /** @throws InvalidInputException naming the file and what is wrong with it */
    static void check(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file + ": no such GGUF model file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": not a regular file; expected a .gguf model file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the GGUF model file (" + e.getMessage() + ")", e);
        }
        if (head.length < HEADER) {
            throw new InvalidInputException(file + ": " + head.length
                    + " bytes is too short to be a GGUF model file (the header alone is 24 bytes)");
        }
        if (head[0] != 'G' || head[1] != 'G' || head[2] != 'U' || head[3] != 'F') {
            throw new InvalidInputException(file + ": not a GGUF model file (it does not start with the magic 'GGUF')");
        }
        int version = ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (version != 2 && version != 3) {
            throw new InvalidInputException(file + ": GGUF version " + version
                    + " is not supported; expected version 2 or 3");
        }
    }
}
