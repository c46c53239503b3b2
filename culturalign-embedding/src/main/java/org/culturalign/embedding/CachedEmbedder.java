package org.culturalign.embedding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embedder that looks each text up in memory, then on disk ({@link EmbeddingCache}), and runs the model only on
 * the texts found in neither, in one batch. Vectors are the model's own, bit for bit: a cached run ranks exactly as
 * a cold one. Thread-safe.
 */
public final class CachedEmbedder implements TextEmbedder {
    private final TextEmbedder model;
    private final EmbeddingCache disk;
    private final Map<String, float[]> memory = new ConcurrentHashMap<>();

    /**
     * @param model the embedding model, called only on misses
     * @param disk  the on-disk cache shared across runs
     */
    public CachedEmbedder(TextEmbedder model, EmbeddingCache disk) {
        this.model = model;
        this.disk = disk;
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        LinkedHashSet<String> misses = new LinkedHashSet<>();
        for (String text : texts) {
            if (!memory.containsKey(text)) {
                Optional<float[]> stored = disk.get(model.modelId(), text, model.dimensions());
                if (stored.isPresent()) {
                    memory.put(text, stored.get());
                } else {
                    misses.add(text);
                }
            }
        }
        if (!misses.isEmpty()) {
            List<String> batch = new ArrayList<>(misses);
            List<float[]> computed = model.embed(batch);
            for (int i = 0; i < batch.size(); i++) {
                disk.put(model.modelId(), batch.get(i), computed.get(i));
                memory.put(batch.get(i), computed.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(memory.get(text).clone());
        }
        return out;
    }
}
