package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.culturalign.llamacpp.LlamaCppModel;
import org.culturalign.llamacpp.LlamaCppOptions;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same probe scored in process and through llama-cpp-python's real server must agree to 1e-3 nats per option
 * (same GGUF file, completions/echo). It holds when both run the same libllama (the in-process engine on the server's
 * own library, {@code llama_lib=}), decode the same batches ({@code batching=after-bos} here, the server's prompt
 * cache reset before each request so it decodes {@code <bos>} apart and the rest in one batch:
 * {@link LlamaCppPythonServer#resetPromptCache}). Runs in a JVM of its own (surefire
 * execution {@code current-llama-lib}): the bundled build the other tests use cannot be loaded beside it.
 */
@Tag("current-llama-lib")
class RealServerParityTest {
    private static final double PARITY = 1e-3;

    @Test
    void theInProcessEngineOnTheServersLibraryAgreesWithTheServerToAThousandthOfANat() throws Exception {
        Path model = LlamaCppPythonServer.requireModel();
        List<String> options = List.of(" A", " B", " C", " D", " Very important", " Not important at all");
        try (LlamaCppPythonServer server = LlamaCppPythonServer.start(model);
             LanguageModel served = ModelProviders.open("openai:" + server.baseUrl() + "#"
                     + LlamaCppPythonServer.MODEL_ALIAS, Map.of("mode", "echo"));
             LlamaCppModel local = LlamaCppModel.open(model, new LlamaCppOptions(2, 2048, 512, false, null,
                     server.libraryDir(), LlamaCppOptions.Batching.AFTER_BOS))) {
            ScoringRequest probe = new ScoringRequest(new TextPrompt(RealServerTest.FAMILY), options);
            List<ContinuationScore> inProcess = local.loglikelihood(List.of(probe)).get(0).scores();
            double worst = 0;
            for (int i = 0; i < options.size(); i++) {
                server.resetPromptCache();
                ContinuationScore s = served.loglikelihood(List.of(new ScoringRequest(
                        new TextPrompt(RealServerTest.FAMILY), List.of(options.get(i))))).get(0).scores().get(0);
                assertThat(s.tokenCount()).isEqualTo(inProcess.get(i).tokenCount());
                assertThat(s.logprob()).as("'" + options.get(i) + "' through the server vs in process")
                        .isCloseTo(inProcess.get(i).logprob(), within(PARITY));
                worst = Math.max(worst, Math.abs(s.logprob() - inProcess.get(i).logprob()));
                System.out.printf("parity '%s': server %.7f, in process %.7f%n", options.get(i), s.logprob(),
                        inProcess.get(i).logprob());
            }
            System.out.printf("server vs in process on the same libllama (batching=after-bos): worst |diff| %.2e nats "
                    + "over %d options%n", worst, options.size());
        }
    }
}
