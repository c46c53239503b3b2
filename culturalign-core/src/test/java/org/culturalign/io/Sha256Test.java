package org.culturalign.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    // FIPS 180-2 appendix B.1 (one block) and the empty message
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void theHexOfAbcIsTheFipsTestVectorWhetherGivenAsTextBytesOrParts() {
        assertThat(Sha256.hex("abc")).isEqualTo(ABC);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Sha256.hex(new byte[] {'a'}, new byte[] {'b', 'c'})).isEqualTo(ABC);
        assertThat(Sha256.hex("")).isEqualTo(EMPTY);
    }

    @Test
    void aFileIsHashedByItsBytesAcrossReadBuffers(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("abc");
        Files.writeString(small, "abc");
        assertThat(Sha256.hexOf(small)).isEqualTo(ABC);

        // larger than the 64 KiB read buffer, so the digest spans several reads
        byte[] big = new byte[200_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path file = dir.resolve("big");
        Files.write(file, big);
        assertThat(Sha256.hexOf(file)).isEqualTo(Sha256.hex(big)).hasSize(64);
    }
}
