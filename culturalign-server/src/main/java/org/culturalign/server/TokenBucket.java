package org.culturalign.server;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perMinute} tokens of capacity (the burst), refilled continuously at {@code perMinute / 60}
 * tokens per second. Thread-safe.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    /**
     * @param perMinute requests per minute, &gt; 0
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
     */
    public TokenBucket(int perMinute, LongSupplier nanoClock) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("rate must be > 0 per minute, got " + perMinute);
        }
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.nanoClock = nanoClock;
        this.tokens = perMinute;
        this.last = nanoClock.getAsLong();
    }

    /**
     * Takes one token.
     *
     * @return 0 when taken; otherwise the whole seconds (&gt;= 1) until one is available, for {@code Retry-After}
     */
    public synchronized long tryTake() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }
}
