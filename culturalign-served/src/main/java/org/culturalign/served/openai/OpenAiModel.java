package org.culturalign.served.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.culturalign.model.BatchFormat;
import org.culturalign.model.BatchRequest;
import org.culturalign.model.Capability;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.FailedRequestException;
import org.culturalign.model.GenerationRequest;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelException;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.Prompt;
import org.culturalign.model.RetryObserver;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import org.culturalign.model.TokenLogprob;
import org.culturalign.model.UnsupportedCapabilityException;
import org.culturalign.probe.GeneratedAnswerParser;
import org.culturalign.probe.GeneratedAnswerParser.ParsedAnswer;
import org.culturalign.served.openai.OpenAiSettings.Endpoint;
import org.culturalign.served.openai.OpenAiSettings.ScoringMode;

/**
 * A model behind an OpenAI-compatible server (vLLM, llama-server, Ollama, OpenAI). {@link #loglikelihood} is served in
 * the configured {@link ScoringMode}, recorded in each {@link ScoringResult#mode()}:
 * <ul>
 *   <li>{@code echo-logprobs}: exact; each context + continuation is sent to {@code /completions} with
 *       {@code echo: true, max_tokens: 0, logprobs: 1} and the continuation's prompt-token logprobs are summed
 *       (boundary rule in {@link LogprobReplies#echoed}). Text prompts only.</li>
 *   <li>{@code top-logprobs/completions}, {@code top-logprobs/chat-instructed},
 *       {@code top-logprobs/chat-prefilled(...)}: one token is generated ({@code max_tokens: 1}, temperature 0) and the
 *       options are read from its top_logprobs with surface forms merged ({@link OptionTokens}); absent options are
 *       upper bounds ({@code exact = false}).</li>
 *   <li>{@code generate-parse(...)}: {@code samples} answers are sampled (seed, seed + 1, ...) and parsed with
 *       {@link GeneratedAnswerParser}; option {@code i}'s score is {@code log(count_i / samples)} ({@code exact =
 *       false}: an estimate), so the renormalised distribution is the share among parsed answers and the coverage is
 *       the parsed share; refusals and unparseable answers are counted in the mode string, never as options.</li>
 * </ul>
 * Requests run concurrently on {@code concurrency} threads. Thread-safe.
 */
public final class OpenAiModel implements LanguageModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiSettings settings;
    private final OpenAiClient client;
    private final ExecutorService pool;
    private final ModelIdentity identity;
    private final Set<Capability> capabilities;
    private int promptsPerRequest;

    OpenAiModel(OpenAiSettings settings, OpenAiClient client) {
        this.settings = settings;
        this.client = client;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "openai-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        EnumSet<Capability> caps = EnumSet.of(Capability.LOGLIKELIHOOD, Capability.GENERATE);
        if (settings.endpoint() == Endpoint.CHAT) {
            caps.add(Capability.CHAT_LOGLIKELIHOOD);
        }
        if (settings.mode() != ScoringMode.GENERATE) {
            caps.add(Capability.NEXT_TOKEN_LOGPROBS);
        }
        this.capabilities = Set.copyOf(caps);
        this.identity = identify();
    }

    private ModelIdentity identify() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("endpoint", OpenAiSettings.argName(settings.endpoint()));
        details.put("mode", OpenAiSettings.argName(settings.mode()));
        String[] ownedBy = new String[1];
        if (settings.endpoint() == Endpoint.CHAT) {
            details.put("chat_prefill", OpenAiSettings.argName(settings.chatPrefill()));
        }
        if (settings.mode() == ScoringMode.GENERATE) {
            details.put("samples", Integer.toString(settings.samples()));
            details.put("temperature", Double.toString(settings.temperature()));
            details.put("seed", Long.toString(settings.seed()));
        }
        Duration quick = settings.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? settings.timeout()
                : Duration.ofSeconds(5);
        client.getQuietly("/models", quick).map(r -> r.get("data")).filter(JsonNode::isArray).ifPresent(data -> {
            for (JsonNode m : data) {
                if (settings.model().equals(m.path("id").asText())) {
                    if (m.hasNonNull("owned_by")) {
                        ownedBy[0] = m.get("owned_by").asText();
                        details.put("owned_by", m.get("owned_by").asText());
                    }
                    if (m.hasNonNull("created")) {
                        details.put("created", m.get("created").asText());
                    }
                }
            }
        });
        // llama-cpp-python's server (its /v1/models says owned_by "me") answers a list of more than one prompt with
        // an empty 500 ("internal_server_error"): one prompt per request there, all of a probe's elsewhere
        promptsPerRequest = settings.promptsPerRequest() > 0 ? settings.promptsPerRequest()
                : "me".equals(ownedBy[0]) ? 1 : Integer.MAX_VALUE;
        if (settings.mode() == ScoringMode.ECHO) {
            details.put("prompts_per_request", promptsPerRequest == Integer.MAX_VALUE ? "all"
                    : Integer.toString(promptsPerRequest));
        }
        return new ModelIdentity("openai", settings.model(), settings.publicBaseUrl() + "#" + settings.model(),
                details);
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** The settings (the API key is not among them). */
    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public List<ScoringResult> loglikelihood(List<ScoringRequest> requests) {
        List<List<Planned>> plans = requests.stream().map(this::plan).toList();
        if (settings.mode() != ScoringMode.GENERATE) {
            // one task per scoring request, its HTTP requests in sequence: llama-cpp-python's server interrupts the
            // request it is computing when another arrives, so the parts of one echo must not race each other
            List<Callable<ScoringResult>> tasks = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                ScoringRequest r = requests.get(i);
                List<Planned> plan = plans.get(i);
                tasks.add(() -> {
                    List<JsonNode> replies = new ArrayList<>(plan.size());
                    for (Planned p : plan) {
                        replies.add(client.post(p.path, p.body, r.prompt().summary()));
                    }
                    return read(r, plan, replies);
                });
            }
            return all(tasks);
        }
        // generate: every sample of every request runs concurrently; replies come back in plan order
        List<Callable<JsonNode>> tasks = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String summary = requests.get(i).prompt().summary();
            for (Planned p : plans.get(i)) {
                tasks.add(() -> client.post(p.path, p.body, summary));
            }
        }
        List<JsonNode> replies = all(tasks);
        List<ScoringResult> results = new ArrayList<>(requests.size());
        int from = 0;
        for (int i = 0; i < requests.size(); i++) {
            int n = plans.get(i).size();
            results.add(read(requests.get(i), plans.get(i), replies.subList(from, from + n)));
            from += n;
        }
        return results;
    }

    /**
     * The batch format: {@link #loglikelihood}'s own request bodies ({@code url} {@code /v1} + the endpoint path, so
     * {@code /v1/completions} or {@code /v1/chat/completions}) and its own reply parsing.
     */
    @Override
    public Optional<BatchFormat> batchFormat() {
        return Optional.of(new BatchFormat() {
            @Override
            public List<BatchRequest> requests(ScoringRequest request) {
                List<BatchRequest> out = new ArrayList<>();
                for (Planned p : plan(request)) {
                    out.add(new BatchRequest("/v1" + p.path, p.body.toString()));
                }
                return out;
            }

            @Override
            public ScoringResult read(ScoringRequest request, List<String> replies) {
                List<Planned> planned = plan(request);
                if (replies.size() != planned.size()) {
                    throw new IllegalArgumentException(planned.size() + " replies expected, got " + replies.size());
                }
                List<JsonNode> bodies = new ArrayList<>(replies.size());
                for (String r : replies) {
                    try {
                        bodies.add(JSON.readTree(r));
                    } catch (IOException e) {
                        throw new ModelException("openai: a batch reply is not JSON: \"" + ApiErrors.quote(r) + "\"",
                                false, e);
                    }
                }
                return OpenAiModel.this.read(request, planned, bodies);
            }
        });
    }

    /** One HTTP request of a scoring request: endpoint path ({@code /completions}), body, and the way recorded. */
    private record Planned(String path, ObjectNode body, String way) {
    }

    /** The HTTP requests that score {@code r} in the configured mode, in the order {@link #read} reads them. */
    private List<Planned> plan(ScoringRequest r) {
        checkPrompt(r.prompt(), r.prompt() instanceof ChatPrompt ? Capability.CHAT_LOGLIKELIHOOD
                : Capability.LOGLIKELIHOOD);
        List<Planned> out = new ArrayList<>();
        switch (settings.mode()) {
            case ECHO -> {
                String context = ((TextPrompt) r.prompt()).text();
                List<String> all = r.continuations();
                for (int from = 0; from < all.size(); from += promptsPerRequest) {
                    List<String> part = all.subList(from, Math.min(all.size(), from + promptsPerRequest));
                    ObjectNode body = JSON.createObjectNode().put("model", settings.model());
                    ArrayNode prompts = body.putArray("prompt");
                    part.forEach(c -> prompts.add(context + c));
                    // max_tokens 1, not 0: llama-cpp-python reads 0 as "up to n_ctx" and generates hundreds of
                    // tokens; the one generated token lies after the echoed text and is ignored (LogprobReplies.echoed)
                    body.put("max_tokens", 1).put("echo", true).put("logprobs", 1).put("temperature", 0);
                    out.add(new Planned("/completions", body, "echo"));
                }
            }
            case TOP_LOGPROBS -> out.add(nextTokenRequest(r.prompt(), settings.topLogprobs(),
                    OptionTokens.instruction(r.continuations())));
            case GENERATE -> {
                String instruction = OptionTokens.instruction(r.continuations());
                for (int j = 0; j < settings.samples(); j++) {
                    out.add(sampleRequest(r.prompt(), settings.maxTokens(), settings.temperature(),
                            settings.seed() + j, List.of(), instruction));
                }
            }
        }
        return out;
    }

    /**
     * Reads the replies to {@link #plan}{@code (r)} (in its order) into the result.
     *
     * @throws FailedRequestException when a reply is unusable (no logprobs, wrong choices, no option among the top
     *                                tokens or the answers): that request's own failure, not the server's; the run
     *                                records its probe as failed and goes on
     */
    private ScoringResult read(ScoringRequest r, List<Planned> planned, List<JsonNode> replies) {
        try {
            return parse(r, planned, replies);
        } catch (FailedRequestException e) {
            throw e;
        } catch (ModelException e) {
            throw new FailedRequestException(e.getMessage(), e);
        }
    }

    private ScoringResult parse(ScoringRequest r, List<Planned> planned, List<JsonNode> replies) {
        switch (settings.mode()) {
            case ECHO -> {
                String context = ((TextPrompt) r.prompt()).text();
                String where = "POST " + settings.publicBaseUrl() + "/completions (model " + settings.model()
                        + ", prompt \"" + r.prompt().summary() + "\")";
                int contextLength = context.codePointCount(0, context.length());
                List<ContinuationScore> scores = new ArrayList<>();
                List<String> all = r.continuations();
                for (int k = 0, from = 0; from < all.size(); k++, from += promptsPerRequest) {
                    List<String> part = all.subList(from, Math.min(all.size(), from + promptsPerRequest));
                    List<JsonNode> choices = LogprobReplies.choices(replies.get(k), part.size(), where);
                    for (int i = 0; i < choices.size(); i++) {
                        String full = context + part.get(i);
                        scores.add(LogprobReplies.echoed(choices.get(i), part.get(i), contextLength,
                                full.codePointCount(0, full.length()), where));
                    }
                }
                if (scores.stream().allMatch(c -> c.logprob() == Double.NEGATIVE_INFINITY)) {
                    // vLLM's -9999 on every option: scoring it would need a distribution over nothing
                    throw new ModelException("openai: " + where + ": every option has log-probability -infinity "
                            + "(probability 0), so there is no answer distribution: " + all, false);
                }
                return new ScoringResult(scores, "echo-logprobs");
            }
            case TOP_LOGPROBS -> {
                NextToken t = nextTokenReply(r.prompt(), planned.get(0), replies.get(0));
                return new ScoringResult(OptionTokens.score(r.continuations(), t.top, t.where),
                        "top-logprobs/" + t.way);
            }
            case GENERATE -> {
                List<Sample> samples = new ArrayList<>();
                for (int j = 0; j < planned.size(); j++) {
                    samples.add(sampleReply(planned.get(j), replies.get(j)));
                }
                return tally(r, samples);
            }
            default -> throw new IllegalStateException(settings.mode().toString());
        }
    }

    @Override
    public List<List<TokenLogprob>> nextTokenLogprobs(List<Prompt> prompts, int n) {
        if (!capabilities.contains(Capability.NEXT_TOKEN_LOGPROBS)) {
            throw new UnsupportedCapabilityException("openai", Capability.NEXT_TOKEN_LOGPROBS, capabilities);
        }
        if (n < 1 || n > 20) {
            throw new IllegalArgumentException("n must be in 1..20 (servers cap top_logprobs at 20), got " + n);
        }
        for (Prompt p : prompts) {
            checkPrompt(p, Capability.NEXT_TOKEN_LOGPROBS);
        }
        return all(prompts.stream().<Callable<List<TokenLogprob>>>map(p -> () -> {
            NextToken t = nextToken(p, n, null);
            return t.top.size() <= n ? t.top : t.top.subList(0, n);
        }).toList());
    }

    @Override
    public List<String> generate(List<GenerationRequest> requests) {
        for (GenerationRequest r : requests) {
            checkPrompt(r.prompt(), Capability.GENERATE);
        }
        return all(requests.stream().<Callable<String>>map(r -> () -> sample(r.prompt(), r.maxTokens(),
                r.temperature(), r.seed(), r.stop(), null).text).toList());
    }

    private void checkPrompt(Prompt p, Capability asked) {
        if (p instanceof ChatPrompt && settings.endpoint() == Endpoint.COMPLETIONS) {
            throw new UnsupportedCapabilityException("openai (endpoint=completions: chat prompts need endpoint=chat)",
                    asked == Capability.LOGLIKELIHOOD ? Capability.CHAT_LOGLIKELIHOOD : asked, capabilities);
        }
        if (!capabilities.contains(asked)) {
            throw new UnsupportedCapabilityException("openai", asked, capabilities);
        }
    }

    private record NextToken(List<TokenLogprob> top, String way, String where) {
    }

    private NextToken nextToken(Prompt prompt, int n, String instruction) {
        Planned p = nextTokenRequest(prompt, n, instruction);
        return nextTokenReply(prompt, p, client.post(p.path, p.body, prompt.summary()));
    }

    private Planned nextTokenRequest(Prompt prompt, int n, String instruction) {
        ObjectNode body = JSON.createObjectNode().put("model", settings.model());
        if (settings.endpoint() == Endpoint.COMPLETIONS) {
            body.put("prompt", ((TextPrompt) prompt).text()).put("max_tokens", 1).put("logprobs", n)
                    .put("temperature", 0);
            return new Planned("/completions", body, "completions");
        }
        String way = ChatRequests.addMessages(body, prompt, settings.chatPrefill(), instruction);
        body.put("max_tokens", 1).put("logprobs", true).put("top_logprobs", n).put("temperature", 0);
        return new Planned("/chat/completions", body, way);
    }

    private NextToken nextTokenReply(Prompt prompt, Planned p, JsonNode reply) {
        String where = "POST " + settings.publicBaseUrl() + p.path + " (model " + settings.model() + ", prompt \""
                + prompt.summary() + "\")";
        JsonNode choice = LogprobReplies.choices(reply, 1, where).get(0);
        return new NextToken(LogprobReplies.firstTokenTop(choice, where), p.way, where);
    }

    private record Sample(String text, String way) {
    }

    private Sample sample(Prompt prompt, int maxTokens, double temperature, long seed, List<String> stop,
                          String instruction) {
        Planned p = sampleRequest(prompt, maxTokens, temperature, seed, stop, instruction);
        return sampleReply(p, client.post(p.path, p.body, prompt.summary()));
    }

    private Planned sampleRequest(Prompt prompt, int maxTokens, double temperature, long seed, List<String> stop,
                                  String instruction) {
        ObjectNode body = JSON.createObjectNode().put("model", settings.model());
        String path;
        String way;
        if (settings.endpoint() == Endpoint.COMPLETIONS) {
            path = "/completions";
            body.put("prompt", ((TextPrompt) prompt).text());
            way = "completions";
        } else {
            path = "/chat/completions";
            way = ChatRequests.addMessages(body, prompt, settings.chatPrefill(), instruction);
        }
        body.put("max_tokens", maxTokens).put("temperature", temperature).put("seed", seed);
        if (!stop.isEmpty()) {
            ArrayNode s = body.putArray("stop");
            stop.forEach(s::add);
        }
        return new Planned(path, body, way);
    }

    private Sample sampleReply(Planned p, JsonNode reply) {
        String where = "POST " + settings.publicBaseUrl() + p.path + " (model " + settings.model() + ")";
        return new Sample(LogprobReplies.text(LogprobReplies.choices(reply, 1, where).get(0)), p.way);
    }

    private ScoringResult tally(ScoringRequest r, List<Sample> samples) {
        List<String> cores = r.continuations().stream().map(OptionTokens::core).toList();
        GeneratedAnswerParser parser = new GeneratedAnswerParser(cores, cores);
        int[] counts = new int[cores.size()];
        int refusals = 0;
        int unparseable = 0;
        String example = "";
        for (Sample s : samples) {
            ParsedAnswer a = parser.parse(s.text);
            switch (a.kind()) {
                case OPTION -> counts[a.option()]++;
                case REFUSAL -> refusals++;
                case UNPARSEABLE -> unparseable++;
            }
            if (a.kind() != GeneratedAnswerParser.Kind.OPTION && example.isEmpty()) {
                example = s.text;
            }
        }
        int n = samples.size();
        String mode = String.format(Locale.ROOT,
                "generate-parse/%s(n=%d, temperature=%s, seed=%d, refusals=%d, unparseable=%d, refusal_rate=%.4f)",
                samples.get(0).way, n, settings.temperature(), settings.seed(), refusals, unparseable,
                refusals / (double) n);
        if (refusals + unparseable == n) {
            throw new ModelException("openai: generate-and-parse for model " + settings.model() + ", prompt \""
                    + r.prompt().summary() + "\": none of the " + n + " answers named an option (" + refusals
                    + " refusals, " + unparseable + " unparseable), e.g. \"" + ApiErrors.quote(example) + "\"", false);
        }
        List<ContinuationScore> scores = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            scores.add(new ContinuationScore(r.continuations().get(i), Math.log(counts[i] / (double) n), 0, false));
        }
        return new ScoringResult(scores, mode);
    }

    private <T> List<T> all(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new ModelException("openai: interrupted", false, e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ModelException("openai: " + e.getCause(), false, e.getCause());
        }
        return out;
    }

    /**
     * Reports every retry of this model's requests to {@code observer}: 429s and 5xx, timeouts and connection
     * failures, with the wait (the server's {@code Retry-After} or our back-off), and each request given up.
     */
    @Override
    public void observeRetries(RetryObserver observer) {
        client.observer(observer);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "OpenAiModel[" + identity.digest() + ", " + client + "]";
    }
}
