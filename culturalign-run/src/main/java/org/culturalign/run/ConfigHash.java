package org.culturalign.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 content hashes: of a config's canonical JSON (the run identity) and of cache keys. */
public final class ConfigHash {
    private ConfigHash() {
    }

    /** {@code "sha256:<64 hex>"} of the config's canonical JSON ({@link ConfigFiles#canonicalJson}). */
    public static String of(EvalConfig config) {
        return "sha256:" + sha256Hex(ConfigFiles.canonicalJson(config));
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
