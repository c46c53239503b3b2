package org.culturalign.icl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.culturalign.io.Sha256;

/**
 * Derives a 64-bit seed from named parts with SHA-256, so that a random stream depends only on what it is for
 * (e.g. seed, country, language, question, selector, k) and not on call order or global state. Each part is
 * length-prefixed before hashing, so ("ab","c") and ("a","bc") give different seeds (unlike hashing a concatenation).
 * The result is the first 8 bytes of the digest, big-endian. Stable across JVMs and platforms.
 */
public final class StableSeed {
    private StableSeed() {
    }

    /**
     * @param parts the inputs; each is turned into a string with {@link String#valueOf(Object)}
     * @return a 64-bit seed, a pure function of the parts
     */
    public static long of(Object... parts) {
        MessageDigest sha = Sha256.digest();
        for (Object part : parts) {
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
        return ByteBuffer.wrap(sha.digest()).getLong();
    }
}
