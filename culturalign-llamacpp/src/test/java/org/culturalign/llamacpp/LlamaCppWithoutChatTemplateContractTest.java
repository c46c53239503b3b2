package org.culturalign.llamacpp;

import java.util.Set;
import org.culturalign.model.Capability;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.LanguageModelContractTest;

/** The contract suite on a GGUF without a chat template: chat scoring must be refused, naming what is supported. */
class LlamaCppWithoutChatTemplateContractTest extends LanguageModelContractTest {
    @Override
    protected LanguageModel openModel() {
        return LlamaCppModel.open(TestModels.randomWithoutTemplate(), TestModels.oneThread());
    }

    @Override
    protected Expectation expectation() {
        return new Expectation("llamacpp", Set.of(Capability.LOGLIKELIHOOD, Capability.NEXT_TOKEN_LOGPROBS,
                Capability.GENERATE));
    }
}
