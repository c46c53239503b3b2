package org.culturalign.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedEmbedderTest {
    @TempDir
    Path dir;

    /** A test double for the model: vector = (text length, number of spaces); records each batch it is given. */
    static final class CountingEmbedder implements TextEmbedder {
        final List<List<String>> batches = new ArrayList<>();

        @Override
        public String modelId() {
            return "counting/1";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            batches.add(List.copyOf(texts));
            return texts.stream().map(t -> new float[] {t.length(), t.chars().filter(c -> c == ' ').count()})
                    .toList();
        }
    }

    @Test
    void onlyTextsMissingFromTheCacheReachTheModelInOneBatch() {
        CountingEmbedder model = new CountingEmbedder();
        CachedEmbedder embedder = new CachedEmbedder(model, new EmbeddingCache(dir));

        List<float[]> first = embedder.embed(List.of("a b", "cd", "a b"));
        List<float[]> second = embedder.embed(List.of("cd", "e f g"));

        assertThat(model.batches).containsExactly(List.of("a b", "cd"), List.of("e f g"));
        assertThat(first.get(0)).containsExactly(3f, 1f);
        assertThat(first.get(2)).containsExactly(3f, 1f);
        assertThat(second.get(0)).containsExactly(2f, 0f);
        assertThat(second.get(1)).containsExactly(5f, 2f);
    }

    @Test
    void aNewProcessReadsTheDiskCacheInsteadOfRunningTheModel() {
        new CachedEmbedder(new CountingEmbedder(), new EmbeddingCache(dir)).embed(List.of("a b", "cd"));
        CountingEmbedder fresh = new CountingEmbedder();

        List<float[]> again = new CachedEmbedder(fresh, new EmbeddingCache(dir)).embed(List.of("cd", "a b"));

        assertThat(fresh.batches).isEmpty();
        assertThat(again.get(0)).containsExactly(2f, 0f);
        assertThat(again.get(1)).containsExactly(3f, 1f);
    }

    @Test
    void callersCannotCorruptTheCachedVectors() {
        CachedEmbedder embedder = new CachedEmbedder(new CountingEmbedder(), new EmbeddingCache(dir));
        embedder.embed(List.of("cd")).get(0)[0] = 99f;

        assertThat(embedder.embed(List.of("cd")).get(0)).containsExactly(2f, 0f);
    }
}
