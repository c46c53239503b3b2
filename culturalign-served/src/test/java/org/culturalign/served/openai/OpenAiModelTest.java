package org.culturalign.served.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelException;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.RetryEvent;
import org.culturalign.model.RetryObserver;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import org.culturalign.model.UnsupportedCapabilityException;
import org.culturalign.served.Loopback;
import org.culturalign.served.Loopback.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible backend against a real HTTP server on loopback answering in each server's format. */
class OpenAiModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private Loopback server;
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final List<LanguageModel> opened = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new Loopback();
    }

    @AfterEach
    void stop() {
        opened.forEach(LanguageModel::close);
        server.close();
    }

    private LanguageModel open(Map<String, String> args) {
        return open(args, Map.of());
    }

    private LanguageModel open(Map<String, String> args, Map<String, String> env) {
        return open(args, env, waits::add);
    }

    /** Opens with a fixed clock (HTTP dates) and a sleeper that records the waits instead of sleeping. */
    private LanguageModel open(Map<String, String> args, Map<String, String> env, OpenAiClient.Sleeper sleeper) {
        OpenAiSettings s = OpenAiSettings.parse(server.url() + "/v1#m", args);
        LanguageModel m = new OpenAiModel(s, new OpenAiClient(s, env.get(s.apiKeyEnv()),
                new RetryPolicy(Clock.fixed(NOW, ZoneOffset.UTC), new Random(7)), sleeper));
        m.observeRetries(observed);
        opened.add(m);
        return m;
    }

    /** Every retry event as "waiting|waited|gaveUp status delay_ms retry/max: reason". */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<RetryEvent> waitingEvents = Collections.synchronizedList(new ArrayList<>());
    private final RetryObserver observed = new RetryObserver() {
        @Override
        public void waiting(RetryEvent e) {
            waitingEvents.add(e);
            events.add("waiting " + line(e));
        }

        @Override
        public void waited(RetryEvent e) {
            events.add("waited " + line(e));
        }

        @Override
        public void gaveUp(RetryEvent e) {
            events.add("gaveUp " + line(e));
        }

        private String line(RetryEvent e) {
            return e.status() + " " + e.delay().toMillis() + " " + e.retry() + "/" + e.maxRetries() + ": " + e.reason();
        }
    };

    private String host() {
        return server.url().substring("http://".length());
    }

    private static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    private List<JsonNode> bodies(String path) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Loopback.Received r : server.received(path)) {
            out.add(json(r.body()));
        }
        return out;
    }

    private static final TextPrompt ANSWER = new TextPrompt("Answer:");

    // ---- vLLM /v1/completions with echo: exact continuation log-likelihoods

    private static final String VLLM_ECHO = """
            {"id":"cmpl-1","object":"text_completion","created":1764496800,"model":"m","choices":[
             {"index":2,"text":"Answer: Agree strongly","finish_reason":"length",
              "logprobs":{"tokens":["Answer",": Ag","ree"," strongly"],"token_logprobs":[null,-2.5,-0.25,-9999.0],
                "top_logprobs":[null,{": Ag":-2.5},{"ree":-0.25},{" strongly":-9999.0}],"text_offset":[0,6,10,13]},
              "prompt_logprobs":[null,{"1":{"logprob":-2.5,"rank":1,"decoded_token":": Ag"}}]},
             {"index":0,"text":"Answer: A","finish_reason":"length",
              "logprobs":{"tokens":["Answer",":"," A"],"token_logprobs":[null,-0.5,-1.25],
                "top_logprobs":[null,{":":-0.5},{" A":-1.25," B":-0.9}],"text_offset":[0,6,7]},
              "prompt_logprobs":[null,{"25":{"logprob":-0.5,"rank":1,"decoded_token":":"}},{"362":{"logprob":-1.25,"rank":2,"decoded_token":" A"}}]},
             {"index":1,"text":"Answer: B","finish_reason":"length",
              "logprobs":{"tokens":["Answer",":"," B"],"token_logprobs":[null,-0.5,-0.9],
                "top_logprobs":[null,{":":-0.5},{" B":-0.9}],"text_offset":[0,6,7]},
              "prompt_logprobs":null}],
             "usage":{"prompt_tokens":10,"total_tokens":10,"completion_tokens":0}}""";

    @Test
    void echoModeSumsTheContinuationsPromptLogprobsAndCountsAStraddlingTokenToTheContinuation() throws IOException {
        server.enqueue("GET", "/v1/models", Reply.json(200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\",\"created\":1764496800,"
                        + "\"owned_by\":\"vllm\",\"max_model_len\":4096}]}"));
        server.enqueue("POST", "/v1/completions", Reply.json(200, VLLM_ECHO));
        LanguageModel m = open(Map.of());

        ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(ANSWER, List.of(" A", " B", " Agree strongly"))))
                .get(0);

        assertThat(r.mode()).isEqualTo("echo-logprobs");
        assertThat(r.scores()).containsExactly(ContinuationScore.exact(" A", -1.25, 1),
                ContinuationScore.exact(" B", -0.9, 1),
                ContinuationScore.exact(" Agree strongly", Double.NEGATIVE_INFINITY, 3));
        assertThat(bodies("/v1/completions")).containsExactly(json("""
                {"model":"m","prompt":["Answer: A","Answer: B","Answer: Agree strongly"],"max_tokens":1,
                 "echo":true,"logprobs":1,"temperature":0}"""));
        assertThat(m.identity().backend()).isEqualTo("openai");
        assertThat(m.identity().name()).isEqualTo("m");
        assertThat(m.identity().digest()).isEqualTo(server.url() + "/v1#m");
        assertThat(m.identity().details()).containsEntry("owned_by", "vllm").containsEntry("created", "1764496800")
                .containsEntry("mode", "echo").containsEntry("endpoint", "completions");
    }

    @Test
    void echoModeFailsLoudlyWhenTheServerReturnsNoLogprobsAsOllamaDoes() {
        server.enqueue("POST", "/v1/completions", Reply.json(200, """
                {"id":"cmpl-9","object":"text_completion","created":1764496800,"model":"m","system_fingerprint":"fp_ollama",
                 "choices":[{"text":"Answer: A","index":0,"finish_reason":"stop"},{"text":"Answer: B","index":1,"finish_reason":"stop"}]}"""));
        LanguageModel m = open(Map.of());

        assertThatThrownBy(() -> m.loglikelihood(List.of(new ScoringRequest(ANSWER, List.of(" A", " B")))))
                .isInstanceOf(ModelException.class)
                .matches(e -> !((ModelException) e).isRetriable())
                .hasMessageStartingWith("openai: POST " + server.url() + "/v1/completions (model m, prompt \"Answer:\"): "
                        + "the server returned no logprobs, so no option can be scored (refusing to guess).");
    }

    @Test
    void chatPromptsOnTheCompletionsEndpointAreRefusedNotApproximated() {
        LanguageModel m = open(Map.of());
        ChatPrompt chat = new ChatPrompt(List.of(new ChatMessage(ChatMessage.Role.USER, "Q?")), "Answer:");
        assertThatThrownBy(() -> m.loglikelihood(List.of(new ScoringRequest(chat, List.of(" A", " B")))))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("chat prompts need endpoint=chat");
        assertThat(server.received("/v1/completions")).isEmpty();
    }

    // ---- next-token top_logprobs

    private static final ChatPrompt CHAT = new ChatPrompt(List.of(
            new ChatMessage(ChatMessage.Role.SYSTEM, "You are a survey respondent."),
            new ChatMessage(ChatMessage.Role.USER, "How important is God in your life?\nA. Very\nB. Not at all")),
            "Answer:");

    @Test
    void chatTopLogprobsMergeSurfaceFormsAndBoundAbsentOptionsByTheSmallestListedProbability() throws IOException {
        server.enqueue("POST", "/v1/chat/completions", Reply.json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764496800,"model":"m","choices":[{"index":0,
                 "message":{"role":"assistant","content":" B"},"finish_reason":"length",
                 "logprobs":{"content":[{"token":" B","logprob":-0.4,"bytes":[32,66],"top_logprobs":[
                   {"token":" B","logprob":-0.4,"bytes":[32,66]},{"token":"B","logprob":-1.6,"bytes":[66]},
                   {"token":" A","logprob":-2.0,"bytes":[32,65]},{"token":"(A","logprob":-3.0,"bytes":[40,65]},
                   {"token":" C","logprob":-4.5,"bytes":[32,67]},{"token":" B","logprob":-0.4,"bytes":[32,66]}]}]}}]}"""));
        LanguageModel m = open(Map.of("endpoint", "chat", "chat_prefill", "continue_final_message"));

        ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(CHAT, List.of(" A", " B", " C", " D")))).get(0);

        assertThat(r.mode()).isEqualTo("top-logprobs/chat-prefilled(continue_final_message)");
        assertThat(r.scores().get(0).logprob()).isCloseTo(Math.log(Math.exp(-2.0) + Math.exp(-3.0)), within(1e-12));
        assertThat(r.scores().get(1).logprob()).isCloseTo(Math.log(Math.exp(-0.4) + Math.exp(-1.6)), within(1e-12));
        assertThat(r.scores().get(2)).isEqualTo(ContinuationScore.exact(" C", -4.5, 1));
        assertThat(r.scores().get(3)).isEqualTo(new ContinuationScore(" D", -4.5, 0, false));
        assertThat(bodies("/v1/chat/completions")).containsExactly(json("""
                {"model":"m","messages":[{"role":"system","content":"You are a survey respondent."},
                 {"role":"user","content":"How important is God in your life?\\nA. Very\\nB. Not at all"},
                 {"role":"assistant","content":"Answer:"}],
                 "continue_final_message":true,"add_generation_prompt":false,
                 "max_tokens":1,"logprobs":true,"top_logprobs":20,"temperature":0}"""));
    }

    @Test
    void llamaServerChatShapeWithTokenIdsIsReadAndTheUserTurnIsInstructedWhenNotPrefilling() throws IOException {
        server.enqueue("POST", "/v1/chat/completions", Reply.json(200, """
                {"choices":[{"finish_reason":"length","index":0,"message":{"role":"assistant","content":"B"},
                 "logprobs":{"content":[{"id":33,"token":"B","bytes":[66],"logprob":-0.2,"top_logprobs":[
                   {"id":33,"token":"B","bytes":[66],"logprob":-0.2},{"id":32,"token":"A","bytes":[65],"logprob":-1.8},
                   {"id":198,"token":"\\n","bytes":[10],"logprob":-5.0}]}]}}],
                 "created":1764496800,"model":"m","system_fingerprint":"b7100-abc","object":"chat.completion",
                 "usage":{"completion_tokens":1,"prompt_tokens":40,"total_tokens":41},"id":"chatcmpl-x",
                 "timings":{"prompt_n":40}}"""));
        LanguageModel m = open(Map.of("endpoint", "chat", "top_logprobs", "5"));

        ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(CHAT, List.of(" A", " B")))).get(0);

        assertThat(r.mode()).isEqualTo("top-logprobs/chat-instructed");
        assertThat(r.scores()).containsExactly(ContinuationScore.exact(" A", -1.8, 1),
                ContinuationScore.exact(" B", -0.2, 1));
        assertThat(bodies("/v1/chat/completions")).containsExactly(json("""
                {"model":"m","messages":[{"role":"system","content":"You are a survey respondent."},
                 {"role":"user","content":"How important is God in your life?\\nA. Very\\nB. Not at all\\n\\nAnswer with the letter only."}],
                 "max_tokens":1,"logprobs":true,"top_logprobs":5,"temperature":0}"""));
    }

    @Test
    void legacyCompletionsTopLogprobsAreReadFromTheFirstTokensDictionary() throws IOException {
        server.enqueue("POST", "/v1/completions", Reply.json(200, """
                {"id":"cmpl-2","object":"text_completion","created":1764496800,"model":"m","choices":[{"text":" B",
                 "index":0,"finish_reason":"length","logprobs":{"tokens":[" B"],"token_logprobs":[-0.3],
                 "top_logprobs":[{" B":-0.3," A":-1.5,"\\n":-3.0}],"text_offset":[7]}}]}"""));
        LanguageModel m = open(Map.of("mode", "top-logprobs", "top_logprobs", "3"));

        ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(ANSWER, List.of(" A", " B")))).get(0);

        assertThat(r.mode()).isEqualTo("top-logprobs/completions");
        assertThat(r.scores()).containsExactly(ContinuationScore.exact(" A", -1.5, 1),
                ContinuationScore.exact(" B", -0.3, 1));
        assertThat(bodies("/v1/completions")).containsExactly(json("""
                {"model":"m","prompt":"Answer:","max_tokens":1,"logprobs":3,"temperature":0}"""));
    }

    @Test
    void ollamaChatReplyIsReadAndAnOptionMissingFromTheTopListIsAnUpperBound() {
        server.enqueue("POST", "/v1/chat/completions", Reply.json(200, """
                {"id":"chatcmpl-123","object":"chat.completion","created":1764496800,"model":"m",
                 "system_fingerprint":"fp_ollama","choices":[{"index":0,"message":{"role":"assistant","content":"A"},
                 "finish_reason":"length","logprobs":{"content":[{"token":"A","logprob":-0.05,"bytes":[65],
                 "top_logprobs":[{"token":"A","logprob":-0.05,"bytes":[65]},{"token":"**","logprob":-3.5,"bytes":[42,42]}]}]}}],
                 "usage":{"prompt_tokens":30,"completion_tokens":1,"total_tokens":31}}"""));
        LanguageModel m = open(Map.of("endpoint", "chat"));

        ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(CHAT, List.of(" A", " B")))).get(0);

        assertThat(r.scores()).containsExactly(ContinuationScore.exact(" A", -0.05, 1),
                new ContinuationScore(" B", -3.5, 0, false));
    }

    @Test
    void aTopListWithoutAnyOptionFailsLoudlyInsteadOfGivingAUniformDistribution() {
        server.enqueue("POST", "/v1/chat/completions", Reply.json(200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":"I"},"logprobs":{"content":[
                 {"token":"I","logprob":-0.1,"top_logprobs":[{"token":"I","logprob":-0.1},{"token":"As","logprob":-2.4}]}]}}]}"""));
        LanguageModel m = open(Map.of("endpoint", "chat"));

        assertThatThrownBy(() -> m.loglikelihood(List.of(new ScoringRequest(CHAT, List.of(" A", " B")))))
                .isInstanceOf(ModelException.class).matches(e -> !((ModelException) e).isRetriable())
                .hasMessageContaining("none of the options [ A,  B] is among the 2 most likely next tokens [\"I\", \"As\"]");
    }

    // ---- generate and parse

    @Test
    void generateModeSamplesWithConsecutiveSeedsAndCountsRefusalsAndUnparseableAnswersApart() throws IOException {
        Map<Long, String> answers = Map.of(11L, "B", 12L, "Answer: B", 13L, "As an AI I cannot choose.", 14L, "Hmm.");
        server.always("POST", "/v1/chat/completions", req -> {
            try {
                String text = answers.get(json(req.body()).get("seed").asLong());
                return Reply.json(200, JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                        JSON.createObjectNode().put("index", 0).set("message", JSON.createObjectNode()
                                .put("role", "assistant").put("content", text)))).toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        LanguageModel m = open(Map.of("endpoint", "chat", "mode", "generate", "samples", "4", "temperature", "0.7",
                "seed", "11"));

        ScoringResult r = m.loglikelihood(List.of(new ScoringRequest(new TextPrompt("Q?"), List.of(" A", " B"))))
                .get(0);

        assertThat(r.mode()).isEqualTo("generate-parse/chat-instructed(n=4, temperature=0.7, seed=11, refusals=1, "
                + "unparseable=1, refusal_rate=0.2500)");
        assertThat(r.scores()).containsExactly(new ContinuationScore(" A", Double.NEGATIVE_INFINITY, 0, false),
                new ContinuationScore(" B", Math.log(0.5), 0, false));
        List<JsonNode> bodies = new ArrayList<>(bodies("/v1/chat/completions"));
        bodies.sort((a, b) -> Long.compare(a.get("seed").asLong(), b.get("seed").asLong()));
        List<JsonNode> expected = new ArrayList<>();
        for (long seed = 11; seed <= 14; seed++) {
            expected.add(json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Q?\\n\\nAnswer with "
                    + "the letter only.\"}],\"max_tokens\":256,\"temperature\":0.7,\"seed\":" + seed + "}"));
        }
        assertThat(bodies).isEqualTo(expected);
    }

    // ---- failures: retries, timeouts, error bodies

    private static final String ONE_CHOICE_ECHO = """
            {"choices":[{"index":0,"text":"Answer: A","logprobs":{"tokens":["Answer",":"," A"],
             "token_logprobs":[null,-0.5,-0.75],"top_logprobs":null,"text_offset":[0,6,7]}}]}""";

    private List<ScoringResult> scoreA(LanguageModel m) {
        return m.loglikelihood(List.of(new ScoringRequest(ANSWER, List.of(" A"))));
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterSeconds() {
        server.enqueue("POST", "/v1/completions", Reply.json(429,
                        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":429}}")
                        .withHeader("Retry-After", "2"),
                Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of());

        assertThat(scoreA(m).get(0).scores()).containsExactly(ContinuationScore.exact(" A", -0.75, 1));
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(server.received("/v1/completions")).hasSize(2);
    }

    @Test
    void a429IsRetriedAtTheRetryAfterHttpDateAndRetryAfterMsWins() {
        server.enqueue("POST", "/v1/completions",
                Reply.json(429, "{}").withHeader("Retry-After", "Mon, 30 Nov 2026 10:00:07 GMT"),
                Reply.json(429, "{}").withHeader("Retry-After", "30").withHeader("retry-after-ms", "1500"),
                Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of());

        scoreA(m);
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(1500));
    }

    private static final String RATE_LIMITED =
            "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":429}}";

    @Test
    void aRetryAfterInSecondsUpToMaxRetryWaitIsWaitedAndToldToTheObserverBeforeAndAfter() {
        server.enqueue("POST", "/v1/completions", Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "3"),
                Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of("max_retry_wait_s", "3"));

        assertThat(scoreA(m).get(0).scores()).containsExactly(ContinuationScore.exact(" A", -0.75, 1));
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        String reason = "HTTP 429: Rate limit reached (type rate_limit_error, code 429)";
        assertThat(events).containsExactly("waiting 429 3000 1/5: " + reason, "waited 429 3000 1/5: " + reason);
        assertThat(waitingEvents.get(0).describe()).isEqualTo("waiting 3 s: 429 from " + host() + ", retry 1/5");
        assertThat(waitingEvents.get(0).server()).isEqualTo(host()).startsWith("127.0.0.1:");
        assertThat(waitingEvents.get(0).shown()).isTrue();
    }

    @Test
    void aRetryAfterInSecondsAboveMaxRetryWaitStopsAtOnceNamingTheServerTheStatusAndTheWait() {
        server.enqueue("POST", "/v1/completions", Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "7200"),
                Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of());

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessage("openai: POST " + server.url() + "/v1/completions (model m, prompt \"Answer:\") stopped "
                        + "after 1 attempt(s): " + host() + " answered HTTP 429: Rate limit reached (type "
                        + "rate_limit_error, code 429) and asks to wait 7200 s (Retry-After: 7200), more than "
                        + "max_retry_wait_s=120 allows: try again later, or raise max_retry_wait_s");
        assertThat(waits).isEmpty();
        assertThat(server.received("/v1/completions")).hasSize(1);
        assertThat(events).containsExactly("gaveUp 429 7200000 1/5: HTTP 429: Rate limit reached (type "
                + "rate_limit_error, code 429)");
    }

    @Test
    void aRetryAfterHttpDateIsWaitedUpToMaxRetryWaitAndStopsAboveIt() {
        // NOW is 10:00:00; the date asks for 7 s
        Reply at0007 = Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}")
                .withHeader("Retry-After", "Mon, 30 Nov 2026 10:00:07 GMT");
        server.enqueue("POST", "/v1/completions", at0007, Reply.json(200, ONE_CHOICE_ECHO), at0007);
        LanguageModel patient = open(Map.of("max_retry_wait_s", "7"));
        LanguageModel hasty = open(Map.of("max_retry_wait_s", "6.5"));

        assertThat(scoreA(patient)).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThatThrownBy(() -> scoreA(hasty)).isInstanceOf(ModelException.class)
                .hasMessageEndingWith("stopped after 1 attempt(s): " + host() + " answered HTTP 503: overloaded and "
                        + "asks to wait 7 s (Retry-After: Mon, 30 Nov 2026 10:00:07 GMT), more than "
                        + "max_retry_wait_s=6.5 allows: try again later, or raise max_retry_wait_s");
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(server.received("/v1/completions")).hasSize(3);
    }

    @Test
    void retryAfterMsAboveMaxRetryWaitStopsToo() {
        server.enqueue("POST", "/v1/completions", Reply.json(429, "{}").withHeader("retry-after-ms", "1500"));
        LanguageModel m = open(Map.of("max_retry_wait_s", "1"));

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .hasMessageContaining(" answered HTTP 429: body: \"{}\" and asks to wait 1.5 s (retry-after-ms: 1500), "
                        + "more than max_retry_wait_s=1 allows");
    }

    @Test
    void withoutAHeaderTheBackOffDoublesWithJitterUpToItsCapOf30Seconds() {
        Reply boom = Reply.json(500, "{\"error\":{\"message\":\"boom\"}}");
        server.enqueue("POST", "/v1/completions", boom, boom, boom, boom, boom, boom, boom, boom,
                Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of("max_retries", "8", "max_retry_total_s", "3600"));

        assertThat(scoreA(m)).hasSize(1);
        // retry k+1 waits uniformly in [b/2, b], b = 0.5 s * 2^k capped at 30 s
        long[] upper = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        assertThat(waits).hasSize(upper.length);
        for (int k = 0; k < upper.length; k++) {
            assertThat(waits.get(k).toMillis()).as("wait %d", k).isBetween(upper[k] / 2, upper[k]);
        }
        assertThat(waits.get(6)).isNotEqualTo(waits.get(7)); // jittered: same bound, different waits
        // waits under 2 s (the first three: below 0.5, 1 and 2 s) are counted but not shown; longer ones are
        assertThat(waitingEvents).extracting(RetryEvent::shown)
                .containsExactly(false, false, false, true, true, true, true, true);
    }

    @Test
    void theBackOffIsCappedAtMaxRetryWait() {
        Reply boom = Reply.json(502, "{}");
        server.enqueue("POST", "/v1/completions", boom, boom, boom, boom, Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of("max_retries", "4", "max_retry_wait_s", "0.4"));

        assertThat(scoreA(m)).hasSize(1);
        assertThat(waits).hasSize(4).allSatisfy(w -> assertThat(w.toMillis()).isBetween(200L, 400L));
    }

    @Test
    void theTotalRetryBudgetOfARequestStopsItBeforeTheWaitThatWouldExceedIt() {
        Reply slowDown = Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "2");
        server.enqueue("POST", "/v1/completions", slowDown, slowDown, slowDown, Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of("max_retry_total_s", "5"));

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessageEndingWith("stopped after 3 attempt(s): HTTP 429: Rate limit reached (type "
                        + "rate_limit_error, code 429); retry 3 would wait 2 s after 4 s of waiting, more than "
                        + "max_retry_total_s=5 allows per request: try again later, or raise max_retry_total_s");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(server.received("/v1/completions")).hasSize(3);
        assertThat(events).last().asString().startsWith("gaveUp 429 2000 3/5: ");
    }

    @Test
    void timeoutsAndConnectionFailuresAreToldRetryByRetryAndTheLastFailuresReasonIsTheOneShown() {
        server.enqueue("POST", "/v1/completions", Reply.json(200, ONE_CHOICE_ECHO).delayed(2000));
        // the server goes away during the wait after the timeout: the retries then cannot connect
        LanguageModel m = open(Map.of("timeout_s", "0.3", "max_retries", "2"), Map.of(), d -> {
            waits.add(d);
            server.close();
        });

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessageEndingWith("failed after 3 attempt(s): cannot connect to " + server.url()
                        + "/v1 (is the server running?)");
        assertThat(waitingEvents).extracting(RetryEvent::status).containsExactly("timeout", "connection");
        assertThat(waitingEvents.get(0).reason()).isEqualTo("no reply within 0.3 s (timeout_s)");
        // well under 2 s, and still shown: the attempt before it took the whole timeout
        assertThat(waitingEvents).allSatisfy(e -> assertThat(e.shown()).isTrue());
        assertThat(waitingEvents.get(1).describe()).startsWith("waiting ").endsWith(" s: connection from "
                + host() + ", retry 2/2");
        assertThat(events).last().asString().isEqualTo("gaveUp connection 0 3/2: cannot connect to " + server.url()
                + "/v1 (is the server running?)");
    }

    @Test
    void throughItsProviderTheModelReallySleepsAShortRetryAfterAndStopsAtOnceOnALongOne() {
        server.enqueue("POST", "/v1/completions", Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "1"),
                Reply.json(200, ONE_CHOICE_ECHO), Reply.json(429, RATE_LIMITED).withHeader("Retry-After", "2"));
        try (LanguageModel m = ModelProviders.open("openai:" + server.url() + "/v1#m",
                Map.of("max_retry_wait_s", "1"))) {
            m.observeRetries(observed);
            long t0 = System.nanoTime();
            assertThat(scoreA(m)).hasSize(1);
            long sleptMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(sleptMs).isGreaterThanOrEqualTo(1000);
            assertThat(events).hasSize(2).first().asString().startsWith("waiting 429 1000 1/5: ");

            long t1 = System.nanoTime();
            assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("asks to wait 2 s (Retry-After: 2), more than max_retry_wait_s=1 allows");
            assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(1000);
        }
    }

    @Test
    void a500IsRetriedAfterAJitteredBackOffAndThenSucceeds() {
        server.enqueue("POST", "/v1/completions", Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"),
                Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"), Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of());

        assertThat(scoreA(m)).hasSize(1);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0).toMillis()).isBetween(250L, 500L);
        assertThat(waits.get(1).toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void aServerStillLoadingIsRetriableAndTheLastErrorNamesTheRequest() {
        Reply loading = Reply.json(503,
                "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}");
        server.enqueue("POST", "/v1/completions", loading, loading, loading);
        LanguageModel m = open(Map.of("max_retries", "2"));

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessage("openai: POST " + server.url() + "/v1/completions (model m, prompt \"Answer:\") failed "
                        + "after 3 attempt(s): HTTP 503: Loading model (type unavailable_error, code 503)");
        assertThat(server.received("/v1/completions")).hasSize(3);
    }

    @Test
    void aSlowReplyTimesOutAndTheRetrySucceeds() {
        server.enqueue("POST", "/v1/completions", Reply.json(200, ONE_CHOICE_ECHO).delayed(2000),
                Reply.json(200, ONE_CHOICE_ECHO));
        LanguageModel m = open(Map.of("timeout_s", "0.3"));

        assertThat(scoreA(m).get(0).scores().get(0).logprob()).isEqualTo(-0.75);
        assertThat(server.received("/v1/completions")).hasSize(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void aSlowReplyOnTheLastAttemptIsARetriableTimeout() {
        server.enqueue("POST", "/v1/completions", Reply.json(200, ONE_CHOICE_ECHO).delayed(2000));
        LanguageModel m = open(Map.of("timeout_s", "0.3", "max_retries", "0"));

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessageEndingWith("failed after 1 attempt(s): no reply within 0.3 s (timeout_s)");
    }

    @Test
    void malformedJsonIsQuotedAndRetriable() {
        server.enqueue("POST", "/v1/completions", Reply.json(200, "{\"choices\": [{\"text\": \"Answer: A\", \"logpr"));
        LanguageModel m = open(Map.of("max_retries", "0"));

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessageEndingWith("failed after 1 attempt(s): HTTP 200 with a malformed or truncated JSON body: "
                        + "\"{\"choices\": [{\"text\": \"Answer: A\", \"logpr\"");
    }

    @Test
    void anHtmlBadGatewayPageIsQuotedInShort() {
        String html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
                + "</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n" + "<!-- padding -->".repeat(20)
                + "</body>\r\n</html>\r\n";
        server.enqueue("POST", "/v1/completions", Reply.of(502, "text/html", html), Reply.of(502, "text/html", html));
        LanguageModel m = open(Map.of("max_retries", "1"));

        String quoted = html.replaceAll("\\s+", " ").strip().substring(0, 200) + "...";
        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessageEndingWith("failed after 2 attempt(s): HTTP 502: non-JSON body: \"" + quoted + "\"");
    }

    @Test
    void a401IsNotRetriedAndNeverShowsTheApiKey() {
        server.enqueue("POST", "/v1/completions", Reply.json(401, "{\"error\":\"Unauthorized\"}"));
        LanguageModel m = open(Map.of("api_key_env", "MY_VLLM_KEY"), Map.of("MY_VLLM_KEY", "sk-secret-123"));

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> !((ModelException) e).isRetriable())
                .hasMessageEndingWith("failed (not retried): HTTP 401: Unauthorized (check the API key: "
                        + "OPENAI_API_KEY or the variable named by the api_key_env model arg)")
                .message().doesNotContain("sk-secret-123");
        assertThat(server.received("/v1/completions").get(0).header("Authorization")).isEqualTo("Bearer sk-secret-123");
        assertThat(m.toString()).doesNotContain("sk-secret-123").contains("api key set (redacted)");
        assertThat(m.identity().toString()).doesNotContain("sk-secret-123");
        assertThat(waits).isEmpty();
    }

    @Test
    void flatVllmAndNestedOpenAiErrorBodiesAreBothRead() {
        server.enqueue("POST", "/v1/completions", Reply.json(404, """
                {"object":"error","message":"The model `m` does not exist.","type":"NotFoundError","param":null,"code":404}"""),
                Reply.json(400, """
                {"error":{"message":"logprobs must be <= 5","type":"invalid_request_error","param":"logprobs","code":null}}"""));
        LanguageModel m = open(Map.of());

        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .hasMessageContaining("HTTP 404: The model `m` does not exist. (type NotFoundError, code 404) (check "
                        + "that the base URL ends with the API version");
        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> !((ModelException) e).isRetriable())
                .hasMessageEndingWith("HTTP 400: logprobs must be <= 5 (type invalid_request_error)");
    }

    @Test
    void aStoppedServerIsARetriableConnectionFailure() {
        LanguageModel m = open(Map.of("max_retries", "1"));
        server.close();
        assertThatThrownBy(() -> scoreA(m)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessageEndingWith("failed after 2 attempt(s): cannot connect to " + server.url()
                        + "/v1 (is the server running?)");
    }

    @Test
    void concurrencyBoundsTheRequestsInFlight() {
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        server.always("POST", "/v1/completions", req -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return Reply.json(200, ONE_CHOICE_ECHO);
        });
        LanguageModel m = open(Map.of("concurrency", "2"));
        List<ScoringRequest> many = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(new ScoringRequest(ANSWER, List.of(" A")));
        }
        assertThat(m.loglikelihood(many)).hasSize(8);
        assertThat(peak.get()).isEqualTo(2);
    }

    @Test
    void modelArgsAreCheckedWithOneClearLine() {
        Map<String, String> bad = new HashMap<>();
        bad.put("n_ctx", "4096");
        assertThatThrownBy(() -> OpenAiSettings.parse("http://h/v1#m", bad))
                .isInstanceOf(org.culturalign.InvalidInputException.class)
                .hasMessageStartingWith("--model-args: unknown key 'n_ctx' for openai models; expected one of [mode,");
        assertThatThrownBy(() -> OpenAiSettings.parse("http://h/v1", Map.of()))
                .hasMessageStartingWith("--model: expected openai:BASE_URL#MODEL_NAME");
        assertThatThrownBy(() -> OpenAiSettings.parse("http://h/v1#m", Map.of("mode", "logits")))
                .hasMessage("--model-args: mode='logits' is not one of [echo, top-logprobs, generate]");
        assertThatThrownBy(() -> OpenAiSettings.parse("http://h/v1#m", Map.of("endpoint", "chat", "mode", "echo")))
                .hasMessageStartingWith("--model-args: mode=echo needs endpoint=completions");
        assertThatThrownBy(() -> OpenAiSettings.parse("http://h/v1#m", Map.of("top_logprobs", "50")))
                .hasMessage("--model-args: top_logprobs=50 is out of range [1.0, 20.0]");
        assertThatThrownBy(() -> OpenAiSettings.parse("http://h/v1#m", Map.of("max_retry_wait_s", "-1")))
                .hasMessage("--model-args: max_retry_wait_s=-1 is out of range [0.0, 86400.0]");
        OpenAiSettings defaults = OpenAiSettings.parse("http://h:8000/v1#m", Map.of());
        assertThat(defaults.maxRetryWait()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.maxRetryTotal()).isEqualTo(Duration.ofSeconds(600));
        assertThat(defaults.server()).isEqualTo("h:8000");
        assertThat(OpenAiSettings.parse("https://api.example.com/v1#m", Map.of()).server())
                .isEqualTo("api.example.com");
    }

    @Test
    void theProviderIsFoundByItsSchemeThroughTheServiceLoader() {
        try (LanguageModel m = org.culturalign.model.ModelProviders.open("openai:" + server.url() + "/v1#org/model-7b",
                Map.of("endpoint", "chat"))) {
            assertThat(m).isInstanceOf(OpenAiModel.class);
            assertThat(m.identity().name()).isEqualTo("org/model-7b");
        }
    }
}
