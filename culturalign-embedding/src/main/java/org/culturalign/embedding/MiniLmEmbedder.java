package org.culturalign.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * all-MiniLM-L6-v2 (Reimers &amp; Gurevych 2019, sentence-transformers; 384 dimensions, mean pooling, English),
 * run in process by ONNX Runtime through langchain4j's bundled model jar. Nothing is downloaded: the weights ship
 * in the jar. Loading takes about a second and ~170 MB of jars, so the model is loaded lazily, once per JVM
 * ({@link #shared()}).
 */
public final class MiniLmEmbedder implements TextEmbedder {
    /** The model and the library version that packages it: a different packaging may change the vectors. */
    public static final String MODEL_ID = "all-MiniLM-L6-v2/langchain4j-1.19.0-beta29";
    /** Vector length of all-MiniLM-L6-v2. */
    public static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2EmbeddingModel model;

    private MiniLmEmbedder() {
        try {
            // Daemon threads: a finished command must exit without waiting for an idle pool.
            AtomicInteger n = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "minilm-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.model = new AllMiniLmL6V2EmbeddingModel(pool);
        } catch (RuntimeException | LinkageError e) {
            throw new EmbeddingException("cannot load the all-MiniLM-L6-v2 embedding model (ONNX Runtime): " + e, e);
        }
    }

    /**
     * The model of this JVM, loaded on first use.
     *
     * @throws EmbeddingException when ONNX Runtime or the model cannot be loaded
     */
    public static MiniLmEmbedder shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(text));
        }
        List<Embedding> embeddings;
        try {
            embeddings = model.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new EmbeddingException("all-MiniLM-L6-v2 failed to embed " + texts.size() + " texts: " + e, e);
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            vectors.add(e.vector());
        }
        return vectors;
    }
}
