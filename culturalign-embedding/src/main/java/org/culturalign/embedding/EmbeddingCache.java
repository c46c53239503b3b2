package org.culturalign.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.culturalign.io.AtomicFiles;
import org.culturalign.io.Sha256;

/**
 * Sentence vectors on disk, one small file per (model, text): {@code <root>/<model id>/<sha256 of text>.f32}.
 * A file is a 4-byte magic {@code CAE1}, the dimension count, then the floats, all little-endian. Files are written
 * to a temporary file and moved into place atomically, so concurrent runs and crashes never leave a half-written
 * vector visible; an unreadable or truncated file counts as a miss and is rewritten.
 */
public final class EmbeddingCache {
    private static final int MAGIC = 0x31454143; // "CAE1" read little-endian
    private static final int HEADER_BYTES = 8;

    private final Path root;

    /** @param root directory holding one sub-directory per model; created on first write */
    public EmbeddingCache(Path root) {
        this.root = root;
    }

    /**
     * The default location: {@code $CULTURALIGN_CACHE/embeddings}, else {@code ~/.cache/culturalign/embeddings}.
     */
    public static EmbeddingCache atDefaultLocation() {
        String env = System.getenv("CULTURALIGN_CACHE");
        Path base = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "culturalign");
        return new EmbeddingCache(base.resolve("embeddings"));
    }

    /** The directory this cache lives in. */
    public Path root() {
        return root;
    }

    /** Where the vector of {@code text} under {@code modelId} is stored. */
    public Path fileFor(String modelId, String text) {
        return root.resolve(safeDirectoryName(modelId)).resolve(Sha256.hex(text) + ".f32");
    }

    /**
     * The cached vector of a text, if present and intact with the expected length.
     *
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public Optional<float[]> get(String modelId, String text, int dimensions) {
        Path file = fileFor(modelId, text);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached embedding " + file, e);
        }
        if (bytes.length != HEADER_BYTES + 4 * dimensions) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt() != MAGIC || buf.getInt() != dimensions) {
            return Optional.empty();
        }
        float[] vector = new float[dimensions];
        buf.asFloatBuffer().get(vector);
        return Optional.of(vector);
    }

    /**
     * Stores a vector atomically (temporary file, then move), replacing any previous one.
     *
     * @throws UncheckedIOException when the cache directory is not writable
     */
    public void put(String modelId, String text, float[] vector) {
        Path file = fileFor(modelId, text);
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + 4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putInt(vector.length);
        buf.asFloatBuffer().put(vector);
        try {
            AtomicFiles.writeBytes(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache file " + file
                    + " (set CULTURALIGN_CACHE to a writable directory)", e);
        }
    }

    /** Model ids contain '/' and version dots; keep them readable but confined to one directory level. */
    static String safeDirectoryName(String modelId) {
        return modelId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
