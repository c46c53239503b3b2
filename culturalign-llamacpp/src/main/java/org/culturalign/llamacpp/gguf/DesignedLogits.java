package org.culturalign.llamacpp.gguf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The next-token logits a designed model produces: {@code base} after any token, or {@code afterPiece.get(p)} when
 * the last input token is the piece {@code p}. Pieces are written with a plain space for U+2581 ({@code " A"}).
 * Tokens not listed get logit 0. So P(t | ..., p) = exp(l_t) / (sum over listed exp(l_u) + number unlisted).
 *
 * @param base       logits by piece after any token not in {@code afterPiece}
 * @param afterPiece logits by piece after a specific last token (at most embedding-1 such tokens)
 */
public record DesignedLogits(Map<String, Double> base, Map<String, Map<String, Double>> afterPiece) {
    /** Ordered immutable copies. */
    public DesignedLogits {
        base = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(base));
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        afterPiece.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        afterPiece = java.util.Collections.unmodifiableMap(copy);
    }

    /** Logits that are the same after every token. */
    public static DesignedLogits constant(Map<String, Double> logits) {
        return new DesignedLogits(logits, Map.of());
    }
}
