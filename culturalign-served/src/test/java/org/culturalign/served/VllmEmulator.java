package org.culturalign.served;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.culturalign.served.Loopback.Reply;

/**
 * A vLLM {@code /v1/completions} emulator on a {@link Loopback} server, backed by a toy language model that is
 * consistent the way a real one is: words (with their leading space) and single punctuation marks are tokens, and a
 * token's log-probability is a fixed function of the whole text before it, so the chain rule holds exactly. It answers
 * echo requests ({@code echo: true, max_tokens: 1}: the prompt's tokens and one generated token after them) in vLLM's legacy shape with {@code text_offset} in code points and
 * a null first logprob, next-token requests ({@code max_tokens: 1, logprobs: N}) with an N-entry top dictionary, and
 * generation requests with text that depends only on (prompt, seed, temperature).
 */
public final class VllmEmulator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}])|\\s+");
    private static final List<String> VOCABULARY = List.of(" A", " B", " C", " D", " 1", " 2", " 3", " 10", " ja",
            " nein", " yes", " no", "\n", " the", " I", " It", " (", " Yes", " No", " maybe", " not", " very");

    private VllmEmulator() {
    }

    /** Serves {@code /v1/completions} and {@code /v1/models} (model id {@code model}) on the server. */
    public static void serve(Loopback server, String model) {
        server.always("GET", "/v1/models", req -> Reply.json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + model
                + "\",\"object\":\"model\",\"created\":1764496800,\"owned_by\":\"vllm\"}]}"));
        server.always("POST", "/v1/completions", VllmEmulator::completion);
    }

    /** The emulator's reply to a {@code POST /v1/completions} (tests that interleave other replies call it). */
    public static Reply completion(Loopback.Received req) {
        try {
            return Reply.json(200, answer(JSON.readTree(req.body())).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** log P(token | prefix): in [-6.05, -0.05], a fixed function of the prefix and the token. */
    public static double logprob(String prefix, String token) {
        int h = (prefix + '\u0000' + token).hashCode();
        return -(0.05 + 6.0 * Math.floorMod(h, 1000) / 1000.0);
    }

    private static ObjectNode answer(JsonNode body) {
        List<String> prompts = new ArrayList<>();
        if (body.get("prompt").isArray()) {
            body.get("prompt").forEach(p -> prompts.add(p.asText()));
        } else {
            prompts.add(body.get("prompt").asText());
        }
        boolean echo = body.path("echo").asBoolean(false);
        int maxTokens = body.path("max_tokens").asInt(16);
        int topN = body.path("logprobs").asInt(0);
        ObjectNode reply = JSON.createObjectNode().put("id", "cmpl-emu").put("object", "text_completion")
                .put("model", body.get("model").asText());
        ArrayNode choices = reply.putArray("choices");
        for (int i = 0; i < prompts.size(); i++) {
            String prompt = prompts.get(i);
            ObjectNode choice = choices.addObject().put("index", i);
            if (echo) {
                // as vLLM and llama-cpp-python do: the echoed prompt, then max_tokens generated tokens after it
                ObjectNode lp = echoed(prompt);
                StringBuilder text = new StringBuilder(prompt);
                for (int k = 0; k < maxTokens; k++) {
                    String next = VOCABULARY.get(Math.floorMod((text.toString()).hashCode(), VOCABULARY.size()));
                    ((ArrayNode) lp.get("tokens")).add(next);
                    ((ArrayNode) lp.get("text_offset")).add(text.codePointCount(0, text.length()));
                    ((ArrayNode) lp.get("token_logprobs")).add(logprob(text.toString(), next));
                    ((ArrayNode) lp.get("top_logprobs")).addObject().put(next, logprob(text.toString(), next));
                    text.append(next);
                }
                choice.put("text", text.toString()).set("logprobs", lp);
            } else if (topN > 0 && maxTokens == 1) {
                List<String> top = new ArrayList<>(VOCABULARY);
                top.sort(Comparator.comparingDouble((String t) -> -logprob(prompt, t)));
                ObjectNode dict = JSON.createObjectNode();
                top.stream().limit(topN).forEach(t -> dict.put(t, logprob(prompt, t)));
                ObjectNode lp = choice.put("text", top.get(0)).putObject("logprobs");
                lp.putArray("tokens").add(top.get(0));
                lp.putArray("token_logprobs").add(logprob(prompt, top.get(0)));
                lp.putArray("top_logprobs").add(dict);
                lp.putArray("text_offset").add(prompt.codePointCount(0, prompt.length()));
            } else {
                long seed = body.path("seed").asLong(0);
                double temperature = body.path("temperature").asDouble(1.0);
                StringBuilder text = new StringBuilder();
                for (int k = 0; k < maxTokens; k++) {
                    int h = (prompt + text + (temperature == 0 ? "" : seed + "/" + temperature)).hashCode();
                    text.append(VOCABULARY.get(Math.floorMod(h, VOCABULARY.size())));
                }
                choice.put("text", text.toString()).put("finish_reason", "length");
            }
        }
        return reply;
    }

    private static ObjectNode echoed(String prompt) {
        ObjectNode lp = JSON.createObjectNode();
        ArrayNode tokens = lp.putArray("tokens");
        ArrayNode logprobs = lp.putArray("token_logprobs");
        ArrayNode tops = lp.putArray("top_logprobs");
        ArrayNode offsets = lp.putArray("text_offset");
        StringBuilder prefix = new StringBuilder();
        for (String t : tokens(prompt)) {
            tokens.add(t);
            offsets.add(prefix.codePointCount(0, prefix.length()));
            if (prefix.length() == 0) {
                logprobs.addNull();
                tops.addNull();
            } else {
                double l = logprob(prefix.toString(), t);
                logprobs.add(l);
                tops.addObject().put(t, l);
            }
            prefix.append(t);
        }
        return lp;
    }
}
