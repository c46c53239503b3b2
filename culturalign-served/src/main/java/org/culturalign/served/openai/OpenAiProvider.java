package org.culturalign.served.openai;

import java.time.Clock;
import java.util.Map;
import java.util.Random;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelProvider;

/**
 * Opens {@code openai:BASE_URL#MODEL_NAME}, e.g. {@code openai:http://localhost:8000/v1#Qwen/Qwen2.5-7B-Instruct}.
 * The API key is read from {@code OPENAI_API_KEY} or the variable named by the {@code api_key_env} model arg (none is
 * fine for local servers); it is sent as {@code Authorization: Bearer} and never logged. Model args: see
 * {@link OpenAiSettings#KEYS} and the README section "Served models and Hugging Face downloads".
 */
public final class OpenAiProvider implements ModelProvider {
    private final Map<String, String> env;

    /** Reads the process environment (used by {@link java.util.ServiceLoader}). */
    public OpenAiProvider() {
        this(System.getenv());
    }

    /** Reads the given environment instead of the process's (tests). */
    public OpenAiProvider(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String scheme() {
        return "openai";
    }

    @Override
    public String usage() {
        return "openai:BASE_URL#MODEL  an OpenAI-compatible server (vLLM, llama-server, Ollama, OpenAI)";
    }

    @Override
    public LanguageModel open(String location, Map<String, String> modelArgs) {
        OpenAiSettings s = OpenAiSettings.parse(location, modelArgs);
        return open(s, (d) -> Thread.sleep(d.toMillis()));
    }

    /** Opens with a given way of waiting between retries (tests record the waits). */
    LanguageModel open(OpenAiSettings s, OpenAiClient.Sleeper sleeper) {
        String key = env.get(s.apiKeyEnv());
        return new OpenAiModel(s, new OpenAiClient(s, key, new RetryPolicy(Clock.systemUTC(), new Random()), sleeper));
    }
}
