package org.culturalign.served.openai;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.culturalign.InvalidInputException;

/**
 * The settings of one OpenAI-compatible model: the spec {@code openai:BASE_URL#MODEL_NAME} and the model args.
 *
 * @param baseUrl      the API root including its version path, e.g. {@code http://localhost:8000/v1} (no trailing /)
 * @param model        the server's model id
 * @param endpoint     which endpoint scores and generates
 * @param mode         how {@code loglikelihood} is served
 * @param chatPrefill  how a chat prompt's assistant prefix is sent
 * @param apiKeyEnv    the environment variable holding the API key (default OPENAI_API_KEY); the key itself is never
 *                     stored here
 * @param timeout      per-request timeout
 * @param maxRetries   retries after the first attempt for retriable failures (429, 5xx, timeouts)
 * @param maxRetryWait the longest wait before one retry: a server asking for longer ({@code Retry-After},
 *                     {@code retry-after-ms}) stops the request instead, and back-off waits are capped at it
 * @param maxRetryTotal the longest total wait over all retries of one request: a retry that would wait beyond it
 *                     stops the request instead (the time the attempts themselves take is not counted)
 * @param concurrency  requests in flight at once
 * @param topLogprobs  N of next-token top_logprobs (1..20)
 * @param samples      answers sampled per probe in generate mode
 * @param temperature  sampling temperature in generate mode
 * @param seed         seed of the first sample in generate mode (sample j uses seed + j)
 * @param maxTokens    token limit of generated answers
 * @param promptsPerRequest echo mode: how many prompts (context + one continuation each) go in one
 *                     {@code /completions} request: 0 = auto (all of a probe's, except on llama-cpp-python's server,
 *                     which answers a list of more than one prompt with an empty 500), or a fixed number &gt;= 1
 */
public record OpenAiSettings(URI baseUrl, String model, Endpoint endpoint, ScoringMode mode, ChatPrefill chatPrefill,
                             String apiKeyEnv, Duration timeout, int maxRetries, Duration maxRetryWait,
                             Duration maxRetryTotal, int concurrency, int topLogprobs,
                             int samples, double temperature, long seed, int maxTokens, int promptsPerRequest) {

    /** Which endpoint is used. */
    public enum Endpoint {
        /** {@code /completions}: text prompts, echo and legacy logprobs. */
        COMPLETIONS,
        /** {@code /chat/completions}: chat prompts (text prompts become one user message). */
        CHAT
    }

    /** How continuation log-probabilities are obtained (recorded in {@code ScoringResult.mode}). */
    public enum ScoringMode {
        /** Exact: the continuation is echoed with its prompt logprobs (vLLM {@code echo} + {@code max_tokens 0}). */
        ECHO,
        /** The next-token top_logprobs over the option labels; absent options get an upper bound. */
        TOP_LOGPROBS,
        /** Sampled answers parsed into options; counts become the distribution. */
        GENERATE
    }

    /** How a chat prompt's assistant prefix ({@code ChatPrompt.assistantPrefix}) reaches the server. */
    public enum ChatPrefill {
        /** No prefill: the user turn gets an instruction to answer with the label only. */
        NONE,
        /** vLLM: a final assistant message with {@code continue_final_message: true, add_generation_prompt: false}. */
        CONTINUE_FINAL_MESSAGE,
        /** Newer llama-server: a final assistant message, which it continues. */
        ASSISTANT_MESSAGE
    }

    /** The model args this backend accepts. */
    public static final List<String> KEYS = List.of("mode", "endpoint", "chat_prefill", "api_key_env", "timeout_s",
            "max_retries", "max_retry_wait_s", "max_retry_total_s", "concurrency", "top_logprobs", "samples",
            "temperature", "seed", "max_tokens", "prompts_per_request");

    /**
     * Parses a spec location and model args.
     *
     * @param location {@code BASE_URL#MODEL_NAME}
     * @param args     model args (keys in {@link #KEYS})
     * @throws InvalidInputException for a malformed location, an unknown key or a bad value
     */
    public static OpenAiSettings parse(String location, Map<String, String> args) {
        int hash = location.indexOf('#');
        if (hash <= 0 || hash == location.length() - 1) {
            throw new InvalidInputException("--model: expected openai:BASE_URL#MODEL_NAME (e.g. "
                    + "openai:http://localhost:8000/v1#Qwen/Qwen2.5-7B-Instruct), got 'openai:" + location + "'");
        }
        String base = location.substring(0, hash).replaceAll("/+$", "");
        String model = location.substring(hash + 1);
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--model: '" + base + "' is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new InvalidInputException("--model: base URL '" + base + "' must be http:// or https:// with a host");
        }
        Map<String, String> a = new HashMap<>(args == null ? Map.of() : args);
        for (String k : a.keySet()) {
            if (!KEYS.contains(k)) {
                throw new InvalidInputException("--model-args: unknown key '" + k + "' for openai models; expected "
                        + "one of " + KEYS);
            }
        }
        Endpoint endpoint = a.containsKey("endpoint") ? parseEnum(Endpoint.class, "endpoint", a.get("endpoint"))
                : Endpoint.COMPLETIONS;
        ScoringMode mode = a.containsKey("mode") ? parseEnum(ScoringMode.class, "mode", a.get("mode"))
                : endpoint == Endpoint.CHAT ? ScoringMode.TOP_LOGPROBS : ScoringMode.ECHO;
        if (mode == ScoringMode.ECHO && endpoint == Endpoint.CHAT) {
            throw new InvalidInputException("--model-args: mode=echo needs endpoint=completions (chat endpoints "
                    + "return no prompt logprobs); use mode=top-logprobs or mode=generate with endpoint=chat");
        }
        ChatPrefill prefill = a.containsKey("chat_prefill")
                ? parseEnum(ChatPrefill.class, "chat_prefill", a.get("chat_prefill")) : ChatPrefill.NONE;
        String keyEnv = a.getOrDefault("api_key_env", "OPENAI_API_KEY");
        if (!keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidInputException("--model-args: api_key_env must name an environment variable, got '"
                    + keyEnv + "'");
        }
        double timeoutS = number(a, "timeout_s", 120, 0.001, 86400);
        int retries = (int) number(a, "max_retries", 5, 0, 100);
        double maxWaitS = number(a, "max_retry_wait_s", 120, 0, 86400);
        double maxTotalS = number(a, "max_retry_total_s", 600, 0, 7 * 86400);
        int concurrency = (int) number(a, "concurrency", 4, 1, 256);
        int top = (int) number(a, "top_logprobs", 20, 1, 20);
        int samples = (int) number(a, "samples", 20, 1, 10000);
        double temperature = number(a, "temperature", 1.0, 0, 10);
        long seed = (long) number(a, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        int maxTokens = (int) number(a, "max_tokens", 256, 1, 1_000_000);
        String ppr = a.getOrDefault("prompts_per_request", "auto").trim();
        int promptsPerRequest;
        if (ppr.equals("auto")) {
            promptsPerRequest = 0;
        } else if (ppr.equals("all")) {
            promptsPerRequest = Integer.MAX_VALUE;
        } else {
            promptsPerRequest = (int) number(a, "prompts_per_request", 1, 1, 1_000_000);
        }
        return new OpenAiSettings(uri, model, endpoint, mode, prefill, keyEnv,
                Duration.ofMillis(Math.round(timeoutS * 1000)), retries,
                Duration.ofMillis(Math.round(maxWaitS * 1000)), Duration.ofMillis(Math.round(maxTotalS * 1000)),
                concurrency, top, samples, temperature, seed,
                maxTokens, promptsPerRequest);
    }

    /** The model arg value of an enum constant: lower case, '-' for '_' in modes, '_' kept for prefill names. */
    static String argName(Enum<?> e) {
        String n = e.name().toLowerCase(Locale.ROOT);
        return e instanceof ScoringMode ? n.replace('_', '-') : n;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
        for (E e : type.getEnumConstants()) {
            if (argName(e).equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        throw new InvalidInputException("--model-args: " + key + "='" + value + "' is not one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(OpenAiSettings::argName).toList());
    }

    private static double number(Map<String, String> a, String key, double dflt, double min, double max) {
        String v = a.get(key);
        if (v == null) {
            return dflt;
        }
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--model-args: " + key + "='" + v + "' is not a number");
        }
        if (!(d >= min && d <= max)) {
            throw new InvalidInputException("--model-args: " + key + "=" + v + " is out of range [" + min + ", "
                    + max + "]");
        }
        return d;
    }

    /** The full URL of an API path such as {@code /completions}. */
    public URI url(String path) {
        return URI.create(baseUrl + path);
    }

    /** The server as {@code host:port} ({@code host} alone when the URL names no port), for live messages. */
    public String server() {
        return baseUrl.getPort() < 0 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
    }

    /** The base URL without user info, for messages and identity. */
    public String publicBaseUrl() {
        if (baseUrl.getUserInfo() == null) {
            return baseUrl.toString();
        }
        return baseUrl.toString().replace(baseUrl.getRawUserInfo() + "@", "");
    }
}
