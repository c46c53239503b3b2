package org.culturalign.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the contract suite on a test double: a character-level model in which every next character has probability
 * 1/128 (so a continuation of n characters scores -n ln 128 whatever its context). Shows the suite itself runs and
 * that a well-behaved backend passes it; the real backends have their own subclasses.
 */
class CharacterModelContractTest extends LanguageModelContractTest {

    @Override
    protected LanguageModel openModel() {
        return new CharacterModel();
    }

    @Override
    protected Expectation expectation() {
        return new Expectation("characters", Set.of(Capability.LOGLIKELIHOOD));
    }

    private static final class CharacterModel implements LanguageModel {
        @Override
        public ModelIdentity identity() {
            return new ModelIdentity("characters", "uniform-128", "uniform:128", Map.of());
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.LOGLIKELIHOOD);
        }

        @Override
        public List<ScoringResult> loglikelihood(List<ScoringRequest> requests) {
            List<ScoringResult> results = new ArrayList<>();
            for (ScoringRequest r : requests) {
                if (!(r.prompt() instanceof TextPrompt)) {
                    throw new UnsupportedCapabilityException("characters", Capability.CHAT_LOGLIKELIHOOD,
                            capabilities());
                }
                results.add(new ScoringResult(r.continuations().stream()
                        .map(c -> ContinuationScore.exact(c, -c.length() * Math.log(128), c.length()))
                        .toList(), "uniform"));
            }
            return results;
        }

        @Override
        public void close() {
        }
    }
}
