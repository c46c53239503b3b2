package org.culturalign.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.culturalign.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    @TempDir
    Path dir;

    @Test
    void aStoredVectorIsReadBackExactly() {
        EmbeddingCache cache = new EmbeddingCache(dir);
        float[] v = {0.1f, -2.5f, Float.MIN_VALUE};
        cache.put("model/a", "How often do you pray?", v);

        assertThat(cache.get("model/a", "How often do you pray?", 3)).hasValueSatisfying(
                got -> assertThat(got).containsExactly(v));
    }

    @Test
    void theFileIsNamedByModelAndTheSha256OfTheText() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.put("all-MiniLM/v1", "abc", new float[] {1f, 2f});

        // SHA-256("abc"), FIPS 180-2 appendix B.1
        Path expected = dir.resolve("all-MiniLM_v1")
                .resolve("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.f32");
        assertThat(cache.fileFor("all-MiniLM/v1", "abc")).isEqualTo(expected);
        // magic + dimension count + 2 floats, little-endian
        assertThat(Files.readAllBytes(expected)).containsExactly(
                'C', 'A', 'E', '1', 2, 0, 0, 0, 0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40);
    }

    @Test
    void vectorsOfDifferentModelsOrTextsNeverMix() {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.put("m1", "t", new float[] {1f});

        assertThat(cache.get("m2", "t", 1)).isEmpty();
        assertThat(cache.get("m1", "t ", 1)).isEmpty();
        assertThat(cache.get("m1", "t", 1)).isPresent();
    }

    @Test
    void aTruncatedOrForeignFileIsAMiss() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.put("m", "t", new float[] {1f, 2f});
        Path file = cache.fileFor("m", "t");
        byte[] whole = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 1));
        assertThat(cache.get("m", "t", 2)).isEmpty();
        Files.write(file, whole);
        assertThat(cache.get("m", "t", 3)).as("another dimension count").isEmpty();
        whole[0] = 'X';
        Files.write(file, whole);
        assertThat(cache.get("m", "t", 2)).as("bad magic").isEmpty();
    }

    @Test
    void writingLeavesNoTemporaryFilesAndReplacesAnOldVector() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.put("m", "t", new float[] {1f});
        cache.put("m", "t", new float[] {3f});

        try (Stream<Path> files = Files.list(dir.resolve("m"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly(Sha256.hex("t") + ".f32");
        }
        assertThat(cache.get("m", "t", 1)).hasValueSatisfying(v -> assertThat(v).containsExactly(3f));
    }
}
