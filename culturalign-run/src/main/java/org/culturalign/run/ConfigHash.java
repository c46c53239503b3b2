package org.culturalign.run;

import org.culturalign.io.Sha256;

/** The run identity: the SHA-256 content hash of a config's canonical JSON. */
public final class ConfigHash {
    private ConfigHash() {
    }

    /** {@code "sha256:<64 hex>"} of the config's canonical JSON ({@link ConfigFiles#canonicalJson}). */
    public static String of(EvalConfig config) {
        return "sha256:" + Sha256.hex(ConfigFiles.canonicalJson(config));
    }
}
