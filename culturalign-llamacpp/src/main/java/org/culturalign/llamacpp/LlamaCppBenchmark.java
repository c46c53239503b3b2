package org.culturalign.llamacpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.culturalign.llamacpp.gguf.TinyModelConfig;
import org.culturalign.llamacpp.gguf.TinyModelGenerator;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;

/**
 * Benchmark of the in-process engine on a generated tiny model (run by {@code bench/llamacpp.sh}, not by the tests):
 * tokens decoded for a 4-option probe with a 300-token context, probes per second, and resident memory around a
 * 1,000-request loop. Arguments: [threads] [probes].
 */
public final class LlamaCppBenchmark {
    private LlamaCppBenchmark() {
    }

    /** Prints the figures to stdout. */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int probes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("culturalign-bench");
        Path gguf = dir.resolve("bench.gguf");
        TinyModelGenerator.random(gguf, 11, TinyModelConfig.small("bench"));
        long t0 = System.nanoTime();
        try (LlamaCppModel model = LlamaCppModel.open(gguf, new LlamaCppOptions(threads, 4096, 512))) {
            System.out.printf("model: %s, %s parameters, %s tokens vocabulary; open (incl. library load) %.0f ms%n",
                    model.identity().details().get("description"), model.identity().details().get("n_params"),
                    model.identity().details().get("vocab_size"), (System.nanoTime() - t0) / 1e6);
            StringBuilder text = new StringBuilder("Question: how important is family in your life?");
            while (model.tokenize(text + "\nAnswer:").length < 300) {
                text.append(" A");
            }
            String context = text + "\nAnswer:";
            int contextTokens = model.tokenize(context).length;
            List<ScoringRequest> probe = List.of(new ScoringRequest(new TextPrompt(context),
                    List.of(" 1", " 2", " 3", " 4")));
            List<ScoringRequest> textProbe = List.of(new ScoringRequest(new TextPrompt(context),
                    List.of(" Yes", " No", " A B", " A B C")));
            long before = model.tokensDecoded();
            model.loglikelihood(probe);
            System.out.printf("4 single-token options, %d-token context: %d tokens decoded (a re-decode per option: "
                    + "%d)%n", contextTokens, model.tokensDecoded() - before, 4 * (contextTokens + 1));
            before = model.tokensDecoded();
            model.loglikelihood(textProbe);
            System.out.printf("4 options of 1,1,2,3 tokens, %d-token context: %d tokens decoded%n", contextTokens,
                    model.tokensDecoded() - before);
            for (int i = 0; i < 20; i++) {
                model.loglikelihood(probe);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < probes; i++) {
                model.loglikelihood(probe);
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%d probes (300-token context, 4 options), %d thread(s): %.1f probes/s, %.1f ms/probe%n",
                    probes, threads, probes / seconds, 1000 * seconds / probes);
            List<ScoringRequest> small = List.of(new ScoringRequest(
                    new TextPrompt("Question: how important is family?\nAnswer:"), List.of(" 1", " 2", " 3", " 4")));
            ScoringResult first = model.loglikelihood(small).get(0);
            long rssBefore = Rss.kilobytes();
            for (int i = 0; i < 1000; i++) {
                if (!model.loglikelihood(small).get(0).equals(first)) {
                    throw new IllegalStateException("request " + i + " gave a different result");
                }
            }
            System.out.printf("1,000 requests in one JVM: VmRSS %d kB before, %d kB after%n", rssBefore,
                    Rss.kilobytes());
        } finally {
            Files.deleteIfExists(gguf);
            Files.deleteIfExists(dir);
        }
    }
}
