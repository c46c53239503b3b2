package org.culturalign.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.culturalign.model.Capability;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.Prompt;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.culturalign.model.TokenLogprob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-process engine on real weights (Gemma 3 270M, its 262,144-piece SentencePiece vocabulary). Token counts
 * must equal those of llama-cpp-python 0.3.36 (a current llama.cpp) on the same file, and log-probabilities equal
 * the engine's own recorded values ({@code inprocess_b4916} in {@code real/cases.json}) to 1e-4. Beside them the
 * file holds the current llama.cpp's scores ({@code reference}, from {@code tools/llama_reference.py}): b4916 differs
 * from them by 0.002-1.0 nats on this model (docs/real-model.md); the test prints the differences.
 */
class RealModelTest {
    private static final double NATS = 1e-4;
    private static LlamaCppModel model;
    private static JsonNode cases;

    @BeforeAll
    static void open() throws IOException {
        model = LlamaCppModel.open(RealModelFile.require(),
                new LlamaCppOptions(2, 2048, 512, false, "gemma"));
        try (InputStream in = RealModelTest.class.getResourceAsStream("real/cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theFileIsTheRecordedGemma3BaseModel() {
        assertThat(model.identity().digest()).isEqualTo("sha256:" + RealModelFile.SHA256);
        assertThat(cases.get("model_sha256").asText()).isEqualTo(RealModelFile.SHA256);
        assertThat(model.identity().name()).isEqualTo("Gemma 3 270m");
        assertThat(model.identity().details()).containsEntry("architecture", "gemma3")
                .containsEntry("vocab_size", "262144").containsEntry("quantisation", "Q4_K_M")
                .containsEntry("chat_template", "builtin:gemma");
    }

    @Test
    void optionsWithAndWithoutALeadingSpaceAreDifferentSinglePiecesAndMatchTheReference() {
        String ctx = textCase("en-options-leading-space").get("context").asText();
        int[] spaced = model.tokenize(ctx + " A");
        int[] bare = model.tokenize(ctx + "A");
        int[] context = model.tokenize(ctx);
        assertThat(spaced).hasSize(context.length + 1);
        assertThat(bare).hasSize(context.length + 1);
        assertThat(spaced[spaced.length - 1]).isNotEqualTo(bare[bare.length - 1]);
        assertThat(context[0]).as("<bos>").isEqualTo(2);
        assertMatchesReference("en-options-leading-space");
        assertMatchesReference("en-options-no-space");
        assertMatchesReference("en-option-texts");
    }

    @Test
    void aTokenSpanningTheJoinIsScoredAsPartOfTheContinuation() {
        // "...is Par" + "is": the context's last piece "▁Par" merges into "▁Paris", so the continuation scored is
        // the one token "▁Paris" after "...is": the same number as " Paris" after "...is".
        List<ContinuationScore> inside = scores(text("The capital of France is Par"), List.of("is"));
        List<ContinuationScore> boundary = scores(text("The capital of France is"), List.of(" Paris"));
        assertThat(inside.get(0).tokenCount()).isEqualTo(1);
        assertThat(inside.get(0).logprob()).isCloseTo(boundary.get(0).logprob(), within(1e-9));
        assertMatchesReference("join-inside-a-word");
        assertMatchesReference("join-at-a-word-boundary");
    }

    @Test
    void russianAndChineseProbesMatchTheReferenceAndMultiTokenOptionsAreProductsOfSteps() {
        assertMatchesReference("ru");
        assertMatchesReference("zh");
        // a multi-token option equals the sum of its next-token steps read off the full distribution
        String ctx = textCase("zh").get("context").asText();
        String option = "非常重要";
        int[] context = model.tokenize(ctx);
        int[] whole = model.tokenize(ctx + option);
        assertThat(whole.length - context.length).isGreaterThan(1);
        double sum = 0;
        StringBuilder prefix = new StringBuilder(ctx);
        for (int p = context.length; p < whole.length; p++) {
            String piece = model.pieceText(whole[p]);
            List<TokenLogprob> top = model.nextTokenLogprobs(List.of(text(prefix.toString())), 5000).get(0);
            double lp = top.stream().filter(t -> t.token().equals(piece)).findFirst()
                    .orElseThrow(() -> new AssertionError("step '" + piece + "' not in the top 5000: " + top)).logprob();
            sum += lp;
            prefix.append(piece);
        }
        assertThat(prefix.toString()).isEqualTo(ctx + option);
        assertThat(scores(text(ctx), List.of(option)).get(0).logprob()).isCloseTo(sum, within(1e-4));
    }

    @Test
    void chatPromptsAreRenderedWithTheGemmaTemplateAndItsControlTokens() {
        JsonNode c = textCase("chat-gemma");
        String fam = textCase("en-options-leading-space").get("context").asText().replace("\nAnswer:", "");
        ChatPrompt chat = new ChatPrompt(List.of(new ChatMessage(ChatMessage.Role.SYSTEM, "You answer surveys."),
                new ChatMessage(ChatMessage.Role.USER, fam)), "Answer:");
        assertThat(model.capabilities()).contains(Capability.CHAT_LOGLIKELIHOOD);
        String rendered = model.render(chat);
        assertThat(rendered).isEqualTo(c.get("context").asText());
        assertThat(rendered).startsWith("<start_of_turn>user\nYou answer surveys.\n\nQuestion: How much")
                .endsWith("<end_of_turn>\n<start_of_turn>model\nAnswer:");
        List<ContinuationScore> s = scores(chat, strings(c.get("continuations")));
        compare(c, s);
        // the control tokens were parsed as Gemma's <start_of_turn> (id 105) and <end_of_turn> (id 106)
        assertThat(c.get("context_tokens").asInt()).isLessThan(rendered.length() / 3);
    }

    private void assertMatchesReference(String id) {
        JsonNode c = textCase(id);
        compare(c, scores(text(c.get("context").asText()), strings(c.get("continuations"))));
    }

    private static void compare(JsonNode c, List<ContinuationScore> ours) {
        JsonNode ref = c.get("reference");
        JsonNode golden = c.get("inprocess_b4916");
        assertThat(ref).as("reference values of case " + c.get("id")).isNotNull();
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).tokenCount()).as(c.get("id") + " tokens of " + ours.get(i).continuation())
                    .isEqualTo(ref.get(i).get("tokens").asInt());
            if (golden != null) {
                assertThat(ours.get(i).logprob()).as(c.get("id") + " logprob of '" + ours.get(i).continuation() + "'")
                        .isCloseTo(golden.get(i).get("logprob").asDouble(), within(NATS));
            }
            assertThat(ours.get(i).exact()).isTrue();
            System.out.printf("real model %s '%s': in process %.4f, llama-cpp-python %.4f, diff %+.4f nats%n",
                    c.get("id").asText(), ours.get(i).continuation(), ours.get(i).logprob(),
                    ref.get(i).get("logprob").asDouble(), ours.get(i).logprob() - ref.get(i).get("logprob").asDouble());
        }
    }

    private static List<ContinuationScore> scores(Prompt prompt, List<String> continuations) {
        return model.loglikelihood(List.of(new ScoringRequest(prompt, continuations))).get(0).scores();
    }

    private static TextPrompt text(String s) {
        return new TextPrompt(s);
    }

    private static JsonNode textCase(String id) {
        for (JsonNode c : cases.get("cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no case " + id);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
