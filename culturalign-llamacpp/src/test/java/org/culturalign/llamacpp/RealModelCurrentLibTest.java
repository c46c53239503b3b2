package org.culturalign.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.Prompt;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.culturalign.model.ModelException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The in-process engine on a current libllama (the one llama-cpp-python 0.3.36 builds, llama.cpp 0c1e570) and real
 * weights. With {@code batching=whole} every score of {@code real/cases.json} must equal llama-cpp-python's own
 * ({@code reference}, from {@code tools/llama_reference.py}: {@code Llama.eval} of context+continuation) to 1e-6
 * nats, and with {@code batching=after-bos} its {@code reference_after_bos} (<bos> decoded apart, as its server does):
 * same library, same file, same batches, so the only difference left is the order of a double-precision sum.
 * With the default {@code batching=shared} the context is decoded in another call than the continuation, which moves
 * this 4-bit model's logits by up to 0.15 nats (measured in llama-cpp-python too: eval(context) + eval(rest) gives
 * our shared value, not its own eval(whole)); the test bounds that and prints it. Runs in a JVM of its own (surefire
 * execution {@code current-llama-lib}): the bundled build cannot be loaded beside it.
 */
@Tag("current-llama-lib")
class RealModelCurrentLibTest {
    private static final double SAME_BATCH = 1e-6;
    private static final double OTHER_SPLIT = 0.2;
    private static Path gguf;
    private static Path lib;
    private static JsonNode cases;

    @BeforeAll
    static void locate() throws IOException {
        gguf = RealModelFile.require();
        lib = CurrentLlamaLibrary.require();
        try (InputStream in = RealModelCurrentLibTest.class.getResourceAsStream("real/cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void wholeBatchingEqualsLlamaCppPythonsEvalOnEveryCase() {
        try (LlamaCppModel m = open(LlamaCppOptions.Batching.WHOLE)) {
            assertThat(m.identity().details().get("engine")).isEqualTo(
                    "llama.cpp " + NativeAbi.Current.GENERATION + ", libllama sha256 "
                            + m.identity().details().get("llama_lib_sha256").substring(0, 16) + ", batching=whole");
            assertThat(m.identity().details()).containsEntry("batching", "whole")
                    .containsEntry("llama_lib", NativeLibrary.get(lib).file.toString());
            assertThat(compareAll(m, "reference")).isEqualTo(22);
        }
    }

    @Test
    void afterBosBatchingEqualsWhatLlamaCppPythonsServerDecodes() {
        try (LlamaCppModel m = open(LlamaCppOptions.Batching.AFTER_BOS)) {
            assertThat(m.identity().details()).containsEntry("batching", "after-bos");
            assertThat(compareAll(m, "reference_after_bos")).isEqualTo(22);
        }
    }

    private static int compareAll(LlamaCppModel m, String field) {
        int compared = 0;
        for (JsonNode c : cases.get("cases")) {
            List<ContinuationScore> ours = score(m, c);
            for (int i = 0; i < ours.size(); i++) {
                JsonNode ref = c.get(field).get(i);
                assertThat(ours.get(i).tokenCount()).as(c.get("id") + " tokens of " + ours.get(i).continuation())
                        .isEqualTo(ref.get("tokens").asInt());
                assertThat(ours.get(i).logprob()).as(c.get("id") + " '" + ours.get(i).continuation() + "' vs " + field)
                        .isCloseTo(ref.get("logprob").asDouble(), within(SAME_BATCH));
                compared++;
            }
        }
        return compared;
    }

    @Test
    void sharedBatchingIsWithinTheSplitEffectAndDecodesTheContextOnce() {
        try (LlamaCppModel shared = open(LlamaCppOptions.Batching.SHARED);
             LlamaCppModel whole = open(LlamaCppOptions.Batching.WHOLE)) {
            double worst = 0;
            for (JsonNode c : cases.get("cases")) {
                List<ContinuationScore> s = score(shared, c);
                List<ContinuationScore> w = score(whole, c);
                for (int i = 0; i < s.size(); i++) {
                    double d = s.get(i).logprob() - w.get(i).logprob();
                    worst = Math.max(worst, Math.abs(d));
                    System.out.printf("current lib %s '%s': shared %.6f, whole %.6f, diff %+.2e nats%n",
                            c.get("id").asText(), s.get(i).continuation(), s.get(i).logprob(), w.get(i).logprob(), d);
                }
            }
            assertThat(worst).isLessThan(OTHER_SPLIT);
            // one request, four one-token options after a shared context: shared decodes it once, whole four times
            JsonNode c = caseById("en-options-leading-space");
            int ctx = c.get("context_tokens").asInt();
            long before = shared.tokensDecoded();
            long beforeWhole = whole.tokensDecoded();
            score(shared, c);
            score(whole, c);
            assertThat(shared.tokensDecoded() - before).isEqualTo(ctx);
            assertThat(whole.tokensDecoded() - beforeWhole).isEqualTo(4L * (ctx + 1));
        }
    }

    @Test
    void aSecondLlamaCppBuildInTheSameProcessIsRefusedWithAReason() {
        Assumptions.assumeTrue(System.getenv(NativeLibrary.LIB_ENV) == null, NativeLibrary.LIB_ENV + " is set");
        try (LlamaCppModel m = open(LlamaCppOptions.Batching.SHARED)) {
            assertThat(m.identity().details()).containsKey("llama_lib_sha256");
            assertThatThrownBy(() -> LlamaCppModel.open(TestModels.random(), new LlamaCppOptions(1, 64, 64)))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("is already loaded in this process")
                    .hasMessageContaining("cannot run beside it");
        }
    }

    private static LlamaCppModel open(LlamaCppOptions.Batching batching) {
        return LlamaCppModel.open(gguf, new LlamaCppOptions(2, 2048, 512, false, "gemma", lib, batching));
    }

    private static List<ContinuationScore> score(LlamaCppModel m, JsonNode c) {
        Prompt prompt;
        if (c.path("special").asBoolean(false)) {
            // the chat case's context is the Gemma rendering of this conversation (RealModelTest checks the string)
            String fam = caseById("en-options-leading-space").get("context").asText().replace("\nAnswer:", "");
            prompt = new ChatPrompt(List.of(new ChatMessage(ChatMessage.Role.SYSTEM, "You answer surveys."),
                    new ChatMessage(ChatMessage.Role.USER, fam)), "Answer:");
            assertThat(m.render((ChatPrompt) prompt)).isEqualTo(c.get("context").asText());
        } else {
            prompt = new TextPrompt(c.get("context").asText());
        }
        List<String> conts = new ArrayList<>();
        c.get("continuations").forEach(n -> conts.add(n.asText()));
        return m.loglikelihood(List.of(new ScoringRequest(prompt, conts))).get(0).scores();
    }

    private static JsonNode caseById(String id) {
        for (JsonNode c : cases.get("cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no case " + id);
    }
}
