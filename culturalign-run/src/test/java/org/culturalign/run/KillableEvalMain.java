package org.culturalign.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small eval run in its own JVM for {@link KillAndResumeTest}: args = run folder, cache file, milliseconds each
 * backend request takes.
 */
public final class KillableEvalMain {
    private KillableEvalMain() {
    }

    static EvalConfig config() {
        return new EvalConfig(List.of("counting"), Map.of(), null, List.of("DEU", "NGA", "USA"), List.of("en"),
                List.of(0, 2), List.of("random"), List.of("full"), List.of(false), null, List.of(), 20.0, 5, null, null,
                null, 1000, null);
    }

    public static void main(String[] args) throws Exception {
        long delay = Long.parseLong(args[2]);
        CountingModel model = new CountingModel() {
            @Override
            public List<org.culturalign.model.ScoringResult> loglikelihood(
                    List<org.culturalign.model.ScoringRequest> rs) {
                try {
                    Thread.sleep(delay * rs.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.loglikelihood(rs);
            }
        };
        RunOptions options = new RunOptions(Path.of(args[0]), Path.of(args[1]), 1, false, RunOptions.ProgressMode.LOG);
        try (EvalSession session = EvalSession.open(config(), options, "test", spec -> model)) {
            session.run(System.out);
        }
        System.out.println("backend requests: " + model.requests.get());
    }
}
