package org.culturalign.served.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.culturalign.fuzz.Mutator;
import org.culturalign.metric.AlignmentMetrics;
import org.culturalign.metric.ProbeMetrics;
import org.culturalign.model.BatchFormat;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.ModelException;
import org.culturalign.model.Prompt;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import org.culturalign.probe.AnswerDistribution;
import org.culturalign.survey.ScaleType;
import org.junit.jupiter.api.Test;

/**
 * Fuzz properties of every server-reply parser, reached as a live call reaches it ({@link OpenAiModel}'s reply reading,
 * through its {@link BatchFormat}): for mutated echo, completions top-logprobs, chat top-logprobs and generated
 * replies, and for mutated error bodies, either a result comes back whose scores give a valid answer distribution with
 * finite metrics, or the failure is a {@link ModelException}; no other exception escapes.
 */
class ReplyParsersFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 2500;
    private static final String CONTEXT = "Question: Trust?\nAnswer:";
    private static final List<String> OPTIONS = List.of(" A", " B", " C");
    private static final double[] HUMAN = {0.5, 0.3, 0.2};

    private static BatchFormat format(Map<String, String> args) {
        OpenAiSettings s = OpenAiSettings.parse("http://127.0.0.1:9/v1#m", args);
        OpenAiModel m = new OpenAiModel(s, new OpenAiClient(s, null, new RetryPolicy(Clock.systemUTC(),
                new Random(1)), d -> { }));
        return m.batchFormat().orElseThrow();
    }

    /** An echo reply in vLLM's legacy shape for the context + each option (text_offset in code points). */
    private static String echoReply() {
        ObjectNode reply = JSON.createObjectNode().put("id", "cmpl-1").put("object", "text_completion");
        ArrayNode choices = reply.putArray("choices");
        for (int i = 0; i < OPTIONS.size(); i++) {
            List<String> tokens = List.of("Question", ":", " Trust", "?", "\n", "Answer", ":", OPTIONS.get(i), " the");
            ObjectNode lp = choices.addObject().put("index", i).put("text", CONTEXT + OPTIONS.get(i) + " the")
                    .putObject("logprobs");
            ArrayNode t = lp.putArray("tokens");
            ArrayNode l = lp.putArray("token_logprobs");
            ArrayNode o = lp.putArray("text_offset");
            int offset = 0;
            for (int k = 0; k < tokens.size(); k++) {
                t.add(tokens.get(k));
                if (k == 0) {
                    l.addNull();
                } else {
                    l.add(-0.25 * k - i);
                }
                o.add(offset);
                offset += tokens.get(k).length();
            }
        }
        return reply.toString();
    }

    private static final String COMPLETIONS_TOP = "{\"choices\":[{\"index\":0,\"text\":\" A\",\"logprobs\":{\"tokens\":"
            + "[\" A\"],\"token_logprobs\":[-0.5],\"top_logprobs\":[{\" A\":-0.5,\" B\":-1.25,\"A\":-3.0,\" C\":-9999.0}]"
            + "}}]}";
    private static final String CHAT_TOP = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"A\"},\"logprobs\":{\"content\":[{\"token\":\"A\",\"logprob\":-0.3,\"top_logprobs\":[{\"token\":\"A\","
            + "\"logprob\":-0.3},{\"token\":\"B\",\"logprob\":-1.5},{\"token\":\" C\",\"logprob\":-2.5}]}]}}]}";
    private static final String ERROR = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\","
            + "\"code\":429}}";

    private static void fuzz(BatchFormat format, Prompt prompt, List<String> seeds, long seed) {
        ScoringRequest request = new ScoringRequest(prompt, OPTIONS);
        int n = format.requests(request).size();
        Mutator mutator = new Mutator(seed);
        int read = 0;
        for (int i = 0; i < CASES; i++) {
            List<String> replies = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                // mostly one mutated reply among valid ones, sometimes all mutated
                boolean mutated = k == i % n || mutator.random().nextInt(4) == 0;
                // half the cases stay JSON and reach the semantic checks; the other half are byte-level garbage
                replies.add(!mutated ? seeds.get(k % seeds.size())
                        : i % 2 == 0 ? mutator.mutateJson(seeds) : mutator.mutate(seeds));
            }
            ScoringResult result;
            try {
                result = format.read(request, replies);
            } catch (ModelException e) {
                assertThat(e.getMessage()).as("case %d", i).isNotBlank();
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " escaped with " + e + " on replies " + replies, e);
            }
            read++;
            assertThat(result.scores()).as("case %d", i).hasSize(OPTIONS.size());
            AnswerDistribution d;
            try {
                d = AnswerDistribution.fromScores(result.scores());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("case " + i + ": the parser accepted scores that are no distribution ("
                        + e.getMessage() + ") from replies " + replies, e);
            }
            ProbeMetrics m = AlignmentMetrics.score(d.probabilities(), HUMAN, ScaleType.ORDINAL, false,
                    d.coverage());
            for (Map.Entry<String, Double> e : m.values().entrySet()) {
                assertThat(e.getValue()).as("case %d: %s from %s", i, e.getKey(), replies).isFinite();
            }
            for (ContinuationScore s : result.scores()) {
                assertThat(s.logprob()).as("case %d", i).isNotNaN();
            }
        }
        assertThat(read).isPositive();
    }

    @Test
    void echoRepliesParseOrFailAsModelExceptions() {
        fuzz(format(Map.of()), new TextPrompt(CONTEXT), List.of(echoReply(), ERROR), 25_001);
    }

    @Test
    void echoRepliesOnePromptPerRequestParseOrFailAsModelExceptions() {
        String full = echoReply();
        List<String> seeds = new ArrayList<>();
        try {
            for (var c : JSON.readTree(full).get("choices")) {
                ObjectNode one = JSON.createObjectNode();
                ((ObjectNode) c).put("index", 0);
                one.putArray("choices").add(c);
                seeds.add(one.toString());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        fuzz(format(Map.of("prompts_per_request", "1")), new TextPrompt(CONTEXT), seeds, 25_002);
    }

    @Test
    void completionsTopLogprobsParseOrFailAsModelExceptions() {
        fuzz(format(Map.of("mode", "top-logprobs")), new TextPrompt(CONTEXT), List.of(COMPLETIONS_TOP, ERROR),
                25_003);
    }

    @Test
    void chatTopLogprobsParseOrFailAsModelExceptions() {
        ChatPrompt chat = new ChatPrompt(List.of(new ChatMessage(ChatMessage.Role.USER, "Trust?")), "Answer:");
        fuzz(format(Map.of("endpoint", "chat")), chat, List.of(CHAT_TOP, ERROR), 25_004);
    }

    @Test
    void generatedAnswersParseOrFailAsModelExceptions() {
        fuzz(format(Map.of("mode", "generate", "samples", "4")), new TextPrompt(CONTEXT),
                List.of("{\"choices\":[{\"index\":0,\"text\":\" A\"}]}", "{\"choices\":[{\"index\":0,\"text\":"
                        + "\" C, I think\"}]}", "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"B\"}}]}"), 25_005);
    }

    @Test
    void errorBodiesAlwaysGiveOneLine() {
        Mutator mutator = new Mutator(25_006);
        for (int i = 0; i < CASES; i++) {
            String body = mutator.mutate(List.of(ERROR, "{\"object\":\"error\",\"message\":\"bad\",\"code\":400}",
                    "<html>502 Bad Gateway</html>", ""));
            String message = ApiErrors.message(body);
            assertThat(message).as("case %d: %s", i, body).isNotNull().doesNotContain("\n");
        }
    }
}
