package org.culturalign.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.culturalign.model.Capability;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;

/**
 * Benchmark (run by {@code bench/harness.sh}, not by {@code mvn verify}): the harness' own cost per probe with a
 * zero-cost in-memory model (target &lt;= 1 ms), and peak heap of a run of at least 10,000 probes (target: fits in
 * {@code -Xmx512m}): 19 countries x 105 questions x 7 cells. Prints the figures.
 */
public final class HarnessBenchmark {
    private HarnessBenchmark() {
    }

    /** Answers instantly: log-prob -(i+1) for the i-th continuation. */
    static final class ZeroCostModel implements LanguageModel {
        @Override
        public ModelIdentity identity() {
            return new ModelIdentity("bench", "zero-cost", "sha256:bench", Map.of());
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.LOGLIKELIHOOD);
        }

        @Override
        public List<ScoringResult> loglikelihood(List<ScoringRequest> requests) {
            List<ScoringResult> out = new ArrayList<>(requests.size());
            for (ScoringRequest r : requests) {
                List<ContinuationScore> s = new ArrayList<>();
                for (int i = 0; i < r.continuations().size(); i++) {
                    s.add(ContinuationScore.exact(r.continuations().get(i), -(i + 1.0), 1));
                }
                out.add(new ScoringResult(s, "bench"));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("culturalign-bench");
        EvalConfig config = new EvalConfig(List.of("zero"), Map.of(), null,
                List.of("AUS", "BOL", "BRA", "CAN", "CHN", "DEU", "ETH", "GBR", "IND", "KEN", "MEX", "NGA", "NLD", "NZL",
                        "RUS", "THA", "UKR", "USA", "ZWE"), List.of("en"),
                List.of(0, 1, 3, 5), List.of("random", "category"), List.of("full"), List.of(false), null, List.of(),
                null, 1, null, null, null, 1000, null);
        RunOptions options = new RunOptions(work.resolve("run"), work.resolve("cache.db"), 1, false,
                RunOptions.ProgressMode.QUIET);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        Runtime rt = Runtime.getRuntime();
        long t0 = System.nanoTime();
        EvalSession session = EvalSession.open(config, options, "bench", spec -> new ZeroCostModel());
        long t1 = System.nanoTime();
        EvalSession.Outcome outcome = session.run(quiet);
        long t2 = System.nanoTime();
        session.close();
        long probes = outcome.results().counts().probesScored();
        System.gc();
        System.out.printf("probes scored:             %d (%d cells)%n", probes, outcome.results().cells().size());
        System.out.printf("validation + planning:     %.2f s (%.3f ms per probe)%n", (t1 - t0) / 1e9,
                (t1 - t0) / 1e6 / probes);
        System.out.printf("run (score, store, write): %.2f s%n", (t2 - t1) / 1e9);
        System.out.printf("harness overhead / probe:  %.3f ms (zero-cost model; target <= 1 ms)%n",
                (t2 - t1) / 1e6 / probes);
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("max heap: %d MB; peak heap used (sum of pool peaks): %d MB; used after run: %d MB%n",
                rt.maxMemory() >> 20, peak >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        System.out.printf("samples.jsonl: %d MB%n", Files.size(outcome.folder().resolve("samples.jsonl")) >> 20);
    }
}
