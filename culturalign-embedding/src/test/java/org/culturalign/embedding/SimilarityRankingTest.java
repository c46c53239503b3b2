package org.culturalign.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimilarityRankingTest {

    @Test
    void cosineMatchesTheHandComputedValue() {
        // u.v = 2 + 0 + 2 = 4, |u| = 3, |v| = sqrt(5): 4 / (3 sqrt 5)
        assertThat(SimilarityRanking.cosine(new float[] {1, 2, 2}, new float[] {2, 0, 1}))
                .isCloseTo(4 / (3 * Math.sqrt(5)), within(1e-12))
                .isCloseTo(0.596284793999944, within(1e-12));
    }

    @Test
    void cosineIgnoresVectorLengthAndIsZeroForAZeroVector() {
        assertThat(SimilarityRanking.cosine(new float[] {1, 0}, new float[] {5, 0})).isEqualTo(1.0);
        assertThat(SimilarityRanking.cosine(new float[] {1, 0}, new float[] {-2, 0})).isEqualTo(-1.0);
        assertThat(SimilarityRanking.cosine(new float[] {0, 0}, new float[] {1, 1})).isEqualTo(0.0);
    }

    @Test
    void cosineRejectsVectorsOfDifferentLengths() {
        assertThatThrownBy(() -> SimilarityRanking.cosine(new float[] {1}, new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 and 2");
    }

    @Test
    void topKOrdersByCosineAndBreaksTiesById() {
        float[] query = {1, 0};
        Map<String, float[]> candidates = new LinkedHashMap<>();
        candidates.put("Q9", new float[] {0, 1});   // cos 0
        candidates.put("Q3", new float[] {1, 1});   // cos 1/sqrt2
        candidates.put("Q2", new float[] {2, 2});   // cos 1/sqrt2, ties with Q3: Q2 first by id
        candidates.put("Q7", new float[] {3, 0});   // cos 1
        candidates.put("Q1", new float[] {-1, 0}); // cos -1

        List<SimilarityRanking.Ranked> top = SimilarityRanking.topK(query, candidates, 4);

        assertThat(top).extracting(SimilarityRanking.Ranked::id).containsExactly("Q7", "Q2", "Q3", "Q9");
        assertThat(top.get(1).cosine()).isCloseTo(1 / Math.sqrt(2), within(1e-12));
    }

    @Test
    void topKDoesNotDependOnCandidateOrder() {
        float[] query = {1, 0};
        Map<String, float[]> forward = new LinkedHashMap<>();
        forward.put("A", new float[] {1, 1});
        forward.put("B", new float[] {1, 1});
        forward.put("C", new float[] {1, 0});
        Map<String, float[]> backward = new LinkedHashMap<>();
        backward.put("C", new float[] {1, 0});
        backward.put("B", new float[] {1, 1});
        backward.put("A", new float[] {1, 1});

        assertThat(SimilarityRanking.topK(query, forward, 3)).isEqualTo(SimilarityRanking.topK(query, backward, 3));
        assertThat(SimilarityRanking.topK(query, backward, 3)).extracting(SimilarityRanking.Ranked::id)
                .containsExactly("C", "A", "B");
    }

    @Test
    void topKReturnsEveryCandidateWhenThereAreFewerThanK() {
        assertThat(SimilarityRanking.topK(new float[] {1}, Map.of("Q1", new float[] {1}), 5)).hasSize(1);
        assertThat(SimilarityRanking.topK(new float[] {1}, Map.of("Q1", new float[] {1}), 0)).isEmpty();
        assertThatThrownBy(() -> SimilarityRanking.topK(new float[] {1}, Map.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
