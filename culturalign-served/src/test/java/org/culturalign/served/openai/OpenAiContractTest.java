package org.culturalign.served.openai;

import java.util.Map;
import java.util.Set;
import org.culturalign.model.Capability;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.LanguageModelContractTest;
import org.culturalign.model.ModelProviders;
import org.culturalign.served.Loopback;
import org.culturalign.served.VllmEmulator;
import org.junit.jupiter.api.AfterAll;

/** The model contract for the OpenAI-compatible backend in echo mode, against a vLLM emulator on loopback. */
class OpenAiContractTest extends LanguageModelContractTest {
    private Loopback server;

    @Override
    protected LanguageModel openModel() throws Exception {
        server = new Loopback();
        VllmEmulator.serve(server, "emu/toy-1");
        return ModelProviders.open("openai:" + server.url() + "/v1#emu/toy-1", Map.of("concurrency", "3"));
    }

    @Override
    protected Expectation expectation() {
        return new Expectation("openai", Set.of(Capability.LOGLIKELIHOOD, Capability.NEXT_TOKEN_LOGPROBS,
                Capability.GENERATE));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
