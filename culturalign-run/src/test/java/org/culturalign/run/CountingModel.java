package org.culturalign.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.culturalign.model.Capability;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;

/** Test double: a deterministic log-prob per (prompt, continuation), counting the requests it answers. */
final class CountingModel implements LanguageModel {
    final AtomicInteger requests = new AtomicInteger();

    static double logprob(String prompt, String continuation) {
        return -1.0 - Math.floorMod((prompt + "|" + continuation).hashCode(), 1000) / 250.0;
    }

    @Override
    public ModelIdentity identity() {
        return new ModelIdentity("test", "counting", "sha256:test", Map.of());
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.LOGLIKELIHOOD);
    }

    @Override
    public List<ScoringResult> loglikelihood(List<ScoringRequest> rs) {
        List<ScoringResult> out = new ArrayList<>();
        for (ScoringRequest r : rs) {
            requests.incrementAndGet();
            String p = ((TextPrompt) r.prompt()).text();
            out.add(new ScoringResult(r.continuations().stream()
                    .map(c -> ContinuationScore.exact(c, logprob(p, c), 1)).toList(), "test"));
        }
        return out;
    }

    @Override
    public void close() {
    }
}
