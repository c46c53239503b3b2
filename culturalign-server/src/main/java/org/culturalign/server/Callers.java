package org.culturalign.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.culturalign.io.Sha256;

/**
 * Authenticates callers by their API key: the presented key is hashed with SHA-256 and compared with every
 * configured hash by {@link MessageDigest#isEqual} (constant time for equal lengths, and every key is compared, so
 * the time does not reveal which key or how many bytes matched). Each key has its own token bucket.
 * With no keys configured, authentication is off and every caller is {@link #ANONYMOUS}.
 */
public final class Callers {
    /** The caller when no keys are configured: no default culture, no rate limit. */
    public static final ApiKey ANONYMOUS = new ApiKey("anonymous", new byte[32], Optional.empty(), Optional.empty(),
            0);

    /** The outcome of authenticating one request. */
    public sealed interface Outcome {
    }

    /** No key presented (401). */
    public record Missing() implements Outcome {
    }

    /** A key that matches no configured hash (403). */
    public record Wrong() implements Outcome {
    }

    /** An accepted caller. */
    public record Accepted(ApiKey key, TokenBucket bucket) implements Outcome {
    }

    private final List<ApiKey> keys;
    private final List<TokenBucket> buckets;

    /** @param keys the configured keys (empty: authentication off) */
    public Callers(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
        this.buckets = new ArrayList<>();
        for (ApiKey k : this.keys) {
            buckets.add(k.ratePerMinute() == 0 ? null : new TokenBucket(k.ratePerMinute(), System::nanoTime));
        }
    }

    /** Whether callers must present a key. */
    public boolean required() {
        return !keys.isEmpty();
    }

    /**
     * Authenticates an {@code Authorization} header value ({@code Bearer KEY}) or an {@code X-Api-Key} value.
     *
     * @param presented the key as sent, without the {@code Bearer } prefix; null when none was sent
     */
    public Outcome authenticate(String presented) {
        if (keys.isEmpty()) {
            return new Accepted(ANONYMOUS, null);
        }
        if (presented == null || presented.isBlank()) {
            return new Missing();
        }
        byte[] hash = Sha256.digest().digest(presented.strip().getBytes(StandardCharsets.UTF_8));
        int found = -1;
        for (int i = 0; i < keys.size(); i++) {
            // no early exit: every configured hash is compared
            if (MessageDigest.isEqual(hash, keys.get(i).sha256()) & found < 0) {
                found = i;
            }
        }
        return found < 0 ? new Wrong() : new Accepted(keys.get(found), buckets.get(found));
    }
}
