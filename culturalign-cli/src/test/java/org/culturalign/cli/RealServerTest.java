package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code openai:} backend against a real OpenAI-compatible server: llama-cpp-python's, on loopback, serving the
 * real Gemma 3 270M file, in its three modes. Echo scores must equal llama-cpp-python's own scoring of the same file
 * (the {@code reference_after_bos} values in the llamacpp module's {@code real/cases.json}) and the in-process
 * engine's on the server's own libllama with {@code batching=after-bos} ({@link RealServerParityTest}), to 1e-3
 * nats, once the server's prompt cache is reset before each request:
 * the server decodes only what follows the previous request's common prefix, and on this 4-bit file the batch split
 * moves logits (docs/real-model.md has the figures).
 */
class RealServerTest {
    /** The issue's bound for the same probe scored in process and through the server (completions/echo). */
    private static final double PARITY = 1e-3;
    /**
     * The continuations echoed (one per text case, the multi-token and non-Latin ones among them): an echo request
     * costs llama-cpp-python ~20-30 s on 2 cores (it sorts the 262,144 logits of every prompt token in Python), so
     * the other 12 are left to the in-process tests on the same library, which check all 22 to 1e-6.
     */
    private static final java.util.Set<String> ECHOED = java.util.Set.of("en-options-leading-space| A",
            "en-options-no-space|A", "en-option-texts| Not important at all", "join-inside-a-word|is",
            "ru| Очень важна", "zh|非常重要");
    static final String FAMILY = "Question: How much does family matter to you in your life?\n"
            + "A. Very important\nB. Fairly important\nC. Not very important\nD. Not important at all\nAnswer:";
    private static LlamaCppPythonServer server;
    private static Path model;
    private static JsonNode cases;

    @BeforeAll
    static void start() throws Exception {
        model = LlamaCppPythonServer.requireModel();
        server = LlamaCppPythonServer.start(model);
        Path file = Path.of("../culturalign-llamacpp/src/test/resources/org/culturalign/llamacpp/real/cases.json");
        cases = java.nio.file.Files.isRegularFile(file) ? new ObjectMapper().readTree(file.toFile()) : null;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static LanguageModel open(Map<String, String> args) {
        return ModelProviders.open("openai:" + server.baseUrl() + "#" + LlamaCppPythonServer.MODEL_ALIAS, args);
    }

    @Test
    void echoScoresEqualLlamaCppPythonsOwnScoresOfTheSameFile() throws Exception {
        assertThat(cases).as("real/cases.json on the test class path (culturalign-llamacpp test resources)")
                .isNotNull();
        try (LanguageModel m = open(Map.of("mode", "echo"))) {
            assertThat(m.identity().details()).containsEntry("owned_by", "me")
                    .containsEntry("prompts_per_request", "1");
            int compared = 0;
            for (JsonNode c : cases.get("cases")) {
                if (c.path("special").asBoolean(false)) {
                    continue; // the server's completions endpoint does not parse control tokens in a prompt
                }
                for (int i = 0; i < c.get("continuations").size(); i++) {
                    String cont = c.get("continuations").get(i).asText();
                    if (!ECHOED.contains(c.get("id").asText() + "|" + cont)) {
                        continue;
                    }
                    // the server then decodes <bos> (cached) and the rest in one batch, as reference_after_bos was
                    server.resetPromptCache();
                    ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(
                            new TextPrompt(c.get("context").asText()), List.of(cont)))).get(0);
                    assertThat(r.mode()).isEqualTo("echo-logprobs");
                    ContinuationScore s = r.scores().get(0);
                    JsonNode ref = c.get("reference_after_bos").get(i);
                    assertThat(s.exact()).isTrue();
                    assertThat(s.tokenCount()).as(c.get("id") + " tokens of '" + cont + "'")
                            .isEqualTo(ref.get("tokens").asInt());
                    assertThat(s.logprob()).as(c.get("id") + " '" + cont + "'")
                            .isCloseTo(ref.get("logprob").asDouble(), within(PARITY));
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(ECHOED.size());
        }
    }

    @Test
    void withoutAResetTheServersScoreDependsOnThePreviousRequest() throws Exception {
        // The documented server behaviour (docs/real-model.md): after a request that shares the question's first line,
        // the server decodes only the rest of the probe, and that other split moves this 4-bit file's score: measured
        // -2.1276 (reference_after_bos) and -2.1357 (the value of Llama.eval in one batch, by coincidence of splits).
        try (LanguageModel served = open(Map.of("mode", "echo"))) {
            ScoringRequest probe = new ScoringRequest(new TextPrompt(FAMILY), List.of(" A"));
            server.resetPromptCache();
            double fresh = served.loglikelihood(List.of(probe)).get(0).scores().get(0).logprob();
            served.loglikelihood(List.of(new ScoringRequest(new TextPrompt(FAMILY.substring(0,
                    FAMILY.indexOf('\n') + 1)), List.of("Z"))));
            double afterFirstLine = served.loglikelihood(List.of(probe)).get(0).scores().get(0).logprob();
            server.resetPromptCache();
            double freshAgain = served.loglikelihood(List.of(probe)).get(0).scores().get(0).logprob();
            System.out.printf("server: ' A' fresh %.6f, after a request sharing the first line %.6f (diff %+.4f nats), "
                    + "fresh again %.6f%n", fresh, afterFirstLine, afterFirstLine - fresh, freshAgain);
            assertThat(freshAgain).isEqualTo(fresh);
            assertThat(fresh).isCloseTo(-2.1276, within(1e-3));
            assertThat(afterFirstLine).isCloseTo(-2.1357, within(1e-3));
        }
    }

    @Test
    void topLogprobsOnTheChatEndpointReadTheOptionsFromTheGeneratedTokensTopList() {
        try (LanguageModel m = open(Map.of("endpoint", "chat", "mode", "top-logprobs"))) {
            ChatPrompt chat = new ChatPrompt(List.of(new ChatMessage(ChatMessage.Role.USER,
                    "Question: How much does family matter to you in your life?\nA. Very important\n"
                            + "B. Fairly important\nC. Not very important\nD. Not important at all")), "");
            ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(chat, List.of("A", "B", "C", "D"))))
                    .get(0);
            assertThat(r.mode()).startsWith("top-logprobs/chat");
            double mass = 0;
            int exact = 0;
            for (ContinuationScore s : r.scores()) {
                assertThat(s.logprob()).isLessThanOrEqualTo(0.0);
                mass += Math.exp(s.logprob());
                exact += s.exact() ? 1 : 0;
            }
            assertThat(exact).as("options found in the top 20 of the model's first answer token: " + r).isPositive();
            assertThat(mass).isLessThanOrEqualTo(1.0 + 1e-6);
        }
    }

    @Test
    void generateModeSamplesAnswersAndParsesThemIntoOptions() {
        try (LanguageModel m = open(Map.of("endpoint", "chat", "mode", "generate", "samples", "4",
                "max_tokens", "8", "temperature", "1.0", "seed", "7"))) {
            ChatPrompt chat = new ChatPrompt(List.of(new ChatMessage(ChatMessage.Role.USER,
                    "Is the sky blue? Answer A for yes or B for no.\nA. Yes\nB. No")), "");
            ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(chat, List.of("A", "B")))).get(0);
            assertThat(r.mode()).startsWith("generate-parse/").contains("n=4");
            String mode = r.mode();
            int refusals = Integer.parseInt(mode.replaceAll(".*refusals=(\\d+).*", "$1"));
            int unparseable = Integer.parseInt(mode.replaceAll(".*unparseable=(\\d+).*", "$1"));
            double parsed = 0;
            for (ContinuationScore s : r.scores()) {
                parsed += Math.exp(s.logprob());
            }
            assertThat(refusals + unparseable).isBetween(0, 4);
            // each option's probability is its share of the 4 samples; refused and unparseable ones are counted apart
            assertThat(parsed).isCloseTo((4 - refusals - unparseable) / 4.0, within(1e-9));
        }
    }
}
