package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.culturalign.llamacpp.LlamaCppModel;
import org.culturalign.llamacpp.LlamaCppOptions;
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
 * real Gemma 3 270M file, in its three modes. Echo scores are checked against llama-cpp-python's own scoring of the
 * same file (the reference values in the llamacpp module's {@code real/cases.json}, same llama.cpp build as the
 * server, equal within 0.25 nats: its batches differ) and set beside the in-process engine's (llama.cpp b4916): see docs/real-model.md for why those two builds
 * differ on this quantised file.
 */
class RealServerTest {
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
    void echoScoresEqualLlamaCppPythonsOwnScoresOfTheSameFile() {
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
                List<String> conts = new ArrayList<>();
                c.get("continuations").forEach(n -> conts.add(n.asText()));
                ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(
                        new TextPrompt(c.get("context").asText()), conts))).get(0);
                assertThat(r.mode()).isEqualTo("echo-logprobs");
                for (int i = 0; i < conts.size(); i++) {
                    ContinuationScore s = r.scores().get(i);
                    JsonNode ref = c.get("reference").get(i);
                    assertThat(s.exact()).isTrue();
                    assertThat(s.tokenCount()).as(c.get("id") + " tokens of '" + conts.get(i) + "'")
                            .isEqualTo(ref.get("tokens").asInt());
                    // same llama.cpp build, but the server reuses cached prompt prefixes, so its batches are cut
                    // differently, and on this Q4_K_M file the quantised kernels then move logits: measured 0.008 to
                    // 0.11 nats between runs. A wrong token, template or join costs whole nats.
                    assertThat(s.logprob()).as(c.get("id") + " '" + conts.get(i) + "'")
                            .isCloseTo(ref.get("logprob").asDouble(), within(0.25));
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(18); // 4 + 4 + 2 + 1 + 1 + 3 + 3 continuations of the text cases
        }
    }

    @Test
    void theInProcessEngineAndTheServerTokeniseAlikeAndTheirScoresDifferOnlyByTheLlamaCppBuild() {
        String ctx = "Question: How much does family matter to you in your life?\nA. Very important\n"
                + "B. Fairly important\nC. Not very important\nD. Not important at all\nAnswer:";
        List<String> options = List.of(" A", " B", " C", " D", " Very important");
        try (LanguageModel served = open(Map.of("mode", "echo"));
             LlamaCppModel local = LlamaCppModel.open(model, new LlamaCppOptions(2, 2048, 512))) {
            ScoringRequest probe = new ScoringRequest(new TextPrompt(ctx), options);
            List<ContinuationScore> a = served.loglikelihood(List.of(probe)).get(0).scores();
            List<ContinuationScore> b = local.loglikelihood(List.of(probe)).get(0).scores();
            double worst = 0;
            for (int i = 0; i < options.size(); i++) {
                assertThat(a.get(i).tokenCount()).isEqualTo(b.get(i).tokenCount());
                worst = Math.max(worst, Math.abs(a.get(i).logprob() - b.get(i).logprob()));
            }
            System.out.printf("in process (b4916) vs server (llama-cpp-python) on the same probe: worst |diff| "
                    + "%.4f nats over %d options%n", worst, options.size());
            // measured 0.02-0.3 nats between these two llama.cpp builds on this Q4_K_M file (docs/real-model.md);
            // the bound catches a wrong token, template or join, which cost whole nats
            assertThat(worst).isLessThan(0.5);
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
