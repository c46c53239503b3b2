package org.culturalign.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranks candidates by cosine similarity to a query vector: the core of the {@code embedding} selector. */
public final class SimilarityRanking {

    /**
     * A ranked candidate.
     *
     * @param id     candidate id (a question id)
     * @param cosine cosine similarity to the query, in [-1, 1]
     */
    public record Ranked(String id, double cosine) {
    }

    /** Highest cosine first; equal cosines by id (String order) so the ranking never depends on input order. */
    public static final Comparator<Ranked> ORDER =
            Comparator.comparingDouble(Ranked::cosine).reversed().thenComparing(Ranked::id);

    private SimilarityRanking() {
    }

    /**
     * The {@code k} candidates most similar to {@code query}.
     *
     * @param query      the test item's vector
     * @param candidates candidate id to vector (any iteration order), vectors as long as {@code query}
     * @param k          how many to return, at least 0; fewer are returned when there are fewer candidates
     * @return at most {@code k} candidates ordered by {@link #ORDER}
     * @throws IllegalArgumentException for a negative {@code k} or a vector of another length
     */
    public static List<Ranked> topK(float[] query, Map<String, float[]> candidates, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        List<Ranked> all = new ArrayList<>(candidates.size());
        candidates.forEach((id, v) -> all.add(new Ranked(id, cosine(query, v))));
        all.sort(ORDER);
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /**
     * Cosine similarity u.v / (|u| |v|), accumulated in double; 0 when either vector is all zeros.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double cosine(float[] u, float[] v) {
        if (u.length != v.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + u.length + " and " + v.length);
        }
        double dot = 0;
        double nu = 0;
        double nv = 0;
        for (int i = 0; i < u.length; i++) {
            dot += (double) u[i] * v[i];
            nu += (double) u[i] * u[i];
            nv += (double) v[i] * v[i];
        }
        if (nu == 0 || nv == 0) {
            return 0;
        }
        return dot / Math.sqrt(nu * nv);
    }
}
