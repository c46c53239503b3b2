package org.culturalign.embedding;

import java.util.List;

/**
 * Turns sentences into fixed-length vectors whose cosine similarity reflects closeness of meaning.
 * Implementations are deterministic: the same text always gives the same vector.
 */
public interface TextEmbedder {

    /**
     * Identifies the model and everything that changes its vectors (weights, library version); part of every
     * cache key, so vectors of different models never mix.
     */
    String modelId();

    /** Length of every vector this embedder returns. */
    int dimensions();

    /**
     * Embeds texts in one batch.
     *
     * @param texts non-blank sentences
     * @return one vector per text, in the same order, each of length {@link #dimensions()}
     * @throws EmbeddingException when the model cannot run
     */
    List<float[]> embed(List<String> texts);
}
