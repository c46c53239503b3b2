package org.culturalign.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 (FIPS 180-4) digests as lower-case hex: content hashes for provenance, cache keys and file checks. */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh SHA-256 digest (every Java platform has one). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

    /** Lower-case hex SHA-256 of the concatenated byte arrays (64 characters). */
    public static String hex(byte[]... parts) {
        MessageDigest md = digest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return hex(md);
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of what {@code md} has digested so far (which resets it). */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Lower-case hex SHA-256 of a file's bytes, read as a stream (files of any size).
     *
     * @throws IOException when the file cannot be read
     */
    public static String hexOf(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return hex(md);
    }
}
