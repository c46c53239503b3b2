package org.culturalign.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.culturalign.io.Sha256;
import org.junit.jupiter.api.Test;

class CallersTest {
    @Test
    void aKeyIsMatchedByItsSha256AndNeverStoredInTheClear() {
        ApiKey a = new ApiKey("a", ApiKey.hex("a", Sha256.hex("key-a")), Optional.empty(), Optional.empty(), 0);
        ApiKey b = new ApiKey("b", ApiKey.hex("b", Sha256.hex("key-b")), Optional.of("DEU"), Optional.empty(), 60);
        Callers callers = new Callers(List.of(a, b));

        assertThat(callers.authenticate(null)).isInstanceOf(Callers.Missing.class);
        assertThat(callers.authenticate("key-c")).isInstanceOf(Callers.Wrong.class);
        assertThat(((Callers.Accepted) callers.authenticate(" key-b ")).key().name()).isEqualTo("b");
        assertThat(((Callers.Accepted) callers.authenticate("key-a")).bucket()).isNull();
        assertThat(b.toString()).isEqualTo("ApiKey[b, sha256 (redacted), country DEU, language -, 60/min]");
        assertThat(new Callers(List.of()).authenticate(null)).isEqualTo(new Callers.Accepted(Callers.ANONYMOUS,
                null));
    }

    @Test
    void theTokenBucketAllowsTheBurstThenRefillsAtThePerMinuteRate() {
        long[] now = {0};
        TokenBucket bucket = new TokenBucket(60, () -> now[0]);
        for (int i = 0; i < 60; i++) {
            assertThat(bucket.tryTake()).isZero();
        }
        assertThat(bucket.tryTake()).isEqualTo(1); // one token a second
        now[0] += 500_000_000L;
        assertThat(bucket.tryTake()).isEqualTo(1); // half a token: wait the rest, rounded up to whole seconds
        now[0] += 500_000_000L;
        assertThat(bucket.tryTake()).isZero();
    }
}
