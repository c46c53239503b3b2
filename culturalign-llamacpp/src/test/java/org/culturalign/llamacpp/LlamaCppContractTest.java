package org.culturalign.llamacpp;

import java.util.Set;
import org.culturalign.model.Capability;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.LanguageModelContractTest;

/** The contract suite on the real engine with a random tiny model that has a ChatML template. */
class LlamaCppContractTest extends LanguageModelContractTest {
    @Override
    protected LanguageModel openModel() {
        return LlamaCppModel.open(TestModels.random(), TestModels.oneThread());
    }

    @Override
    protected Expectation expectation() {
        return new Expectation("llamacpp", Set.of(Capability.LOGLIKELIHOOD, Capability.CHAT_LOGLIKELIHOOD,
                Capability.NEXT_TOKEN_LOGPROBS, Capability.GENERATE));
    }
}
