package org.culturalign.llamacpp.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.culturalign.io.AtomicFiles;

/**
 * Writes a GGUF version 3 file (the llama.cpp model format, {@code ggml/docs/gguf.md}): header, metadata key/values,
 * tensor infos, then F32 tensor data aligned to 32 bytes. Little endian throughout. The bytes depend only on what was
 * added, in the order added, so equal inputs give equal files (and equal sha256).
 */
public final class GgufWriter {
    private static final int ALIGNMENT = 32;
    private static final int TYPE_UINT32 = 4;
    private static final int TYPE_INT32 = 5;
    private static final int TYPE_FLOAT32 = 6;
    private static final int TYPE_BOOL = 7;
    private static final int TYPE_STRING = 8;
    private static final int TYPE_ARRAY = 9;
    private static final int GGML_TYPE_F32 = 0;

    private final ByteArrayOutputStream metadata = new ByteArrayOutputStream();
    private int metadataCount;
    private final List<Tensor> tensors = new ArrayList<>();

    private record Tensor(String name, long[] dims, float[] data) {
    }

    /** Adds a string value. */
    public GgufWriter string(String key, String value) {
        key(key, TYPE_STRING);
        putString(metadata, value);
        return this;
    }

    /** Adds an unsigned 32-bit value (0 ≤ value ≤ 2^31-1 here). */
    public GgufWriter uint32(String key, int value) {
        key(key, TYPE_UINT32);
        putInt(metadata, value);
        return this;
    }

    /** Adds a 32-bit float value. */
    public GgufWriter float32(String key, float value) {
        key(key, TYPE_FLOAT32);
        putInt(metadata, Float.floatToRawIntBits(value));
        return this;
    }

    /** Adds a boolean value. */
    public GgufWriter bool(String key, boolean value) {
        key(key, TYPE_BOOL);
        metadata.write(value ? 1 : 0);
        return this;
    }

    /** Adds an array of strings. */
    public GgufWriter strings(String key, List<String> values) {
        key(key, TYPE_ARRAY);
        putInt(metadata, TYPE_STRING);
        putLong(metadata, values.size());
        values.forEach(v -> putString(metadata, v));
        return this;
    }

    /** Adds an array of 32-bit floats. */
    public GgufWriter floats(String key, float[] values) {
        key(key, TYPE_ARRAY);
        putInt(metadata, TYPE_FLOAT32);
        putLong(metadata, values.length);
        for (float v : values) {
            putInt(metadata, Float.floatToRawIntBits(v));
        }
        return this;
    }

    /** Adds an array of signed 32-bit integers. */
    public GgufWriter ints(String key, int[] values) {
        key(key, TYPE_ARRAY);
        putInt(metadata, TYPE_INT32);
        putLong(metadata, values.length);
        for (int v : values) {
            putInt(metadata, v);
        }
        return this;
    }

    /**
     * Adds an F32 tensor.
     *
     * @param dims ggml dimensions, innermost first ({@code [n_embd, n_vocab]} is n_vocab rows of n_embd floats)
     * @param data row-major values, {@code product(dims)} of them
     * @throws IllegalArgumentException when the data length does not match the dimensions
     */
    public GgufWriter tensor(String name, long[] dims, float[] data) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + data.length + " values for " + n + " elements");
        }
        tensors.add(new Tensor(name, dims.clone(), data));
        return this;
    }

    /** Writes the file atomically (temporary file in the target directory, then a move). */
    public void write(Path target) throws IOException {
        AtomicFiles.write(target, this::writeTo);
    }

    /** Writes the GGUF bytes to a stream. */
    public void writeTo(OutputStream out) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(new byte[] {'G', 'G', 'U', 'F'});
        putInt(head, 3);
        putLong(head, tensors.size());
        putLong(head, metadataCount);
        metadata.writeTo(head);
        long offset = 0;
        for (Tensor t : tensors) {
            putString(head, t.name());
            putInt(head, t.dims().length);
            for (long d : t.dims()) {
                putLong(head, d);
            }
            putInt(head, GGML_TYPE_F32);
            putLong(head, offset);
            offset = align(offset + 4L * t.data().length);
        }
        while (head.size() % ALIGNMENT != 0) {
            head.write(0);
        }
        head.writeTo(out);
        for (Tensor t : tensors) {
            ByteBuffer buf = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(t.data());
            out.write(buf.array());
            long written = 4L * t.data().length;
            for (long i = written; i < align(written); i++) {
                out.write(0);
            }
        }
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private void key(String key, int type) {
        putString(metadata, key);
        putInt(metadata, type);
        metadataCount++;
    }

    private static void putString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putLong(out, b.length);
        out.writeBytes(b);
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    private static void putLong(ByteArrayOutputStream out, long v) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }
}
