package org.culturalign.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;

/**
 * Benchmark (not run by {@code mvn verify}; run {@code bench/embedding.sh}): time to embed a catalog's question
 * texts with all-MiniLM-L6-v2, cold (model run, vectors written to disk) and cached (a fresh embedder reading the
 * disk cache; then the in-memory cache), plus model loading. Prints one figure per line.
 */
public final class EmbeddingBenchmark {
    private EmbeddingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> texts = CatalogTexts.load();
        System.out.printf(Locale.ROOT, "catalog: %s, %d distinct English question texts%n", CatalogTexts.source(),
                texts.size());
        System.out.printf(Locale.ROOT, "jvm command line: %d characters%n",
                ProcessHandle.current().info().commandLine().map(String::length).orElse(-1));

        long t0 = System.nanoTime();
        MiniLmEmbedder model = MiniLmEmbedder.shared();
        model.embed(List.of("warm-up sentence"));
        report("model load + first sentence", t0, 1);

        Path dir = Files.createTempDirectory("culturalign-embedding-bench");
        try {
            int rounds = 3;
            for (int r = 1; r <= rounds; r++) {
                Path cacheDir = dir.resolve("round" + r);
                long cold = System.nanoTime();
                new CachedEmbedder(model, new EmbeddingCache(cacheDir)).embed(texts);
                report("cold (model + disk write), round " + r, cold, texts.size());

                CachedEmbedder fresh = new CachedEmbedder(model, new EmbeddingCache(cacheDir));
                long disk = System.nanoTime();
                fresh.embed(texts);
                report("cached, from disk (new process), round " + r, disk, texts.size());

                long memory = System.nanoTime();
                fresh.embed(texts);
                report("cached, in memory (same run), round " + r, memory, texts.size());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String what, long startNanos, int n) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        System.out.printf(Locale.ROOT, "%-45s %9.1f ms  (%d texts, %.3f ms/text)%n", what, ms, n, ms / n);
    }

    /** The texts benchmarked: the English question texts of the bundled WVS-7 catalog. */
    static final class CatalogTexts {
        private CatalogTexts() {
        }

        static String source() {
            return "bundled WVS-7 sample (" + BundledSample.load().questions().size() + " questions)";
        }

        static List<String> load() {
            SurveyData data = BundledSample.load();
            List<String> out = new ArrayList<>();
            for (Question q : data.questions()) {
                String text = SemanticNeighbours.embeddingText(q, SemanticNeighbours.EMBEDDING_LANGUAGE);
                if (!out.contains(text)) {
                    out.add(text);
                }
            }
            return out;
        }
    }
}
