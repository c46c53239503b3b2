package org.culturalign.served.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.ModelException;
import org.culturalign.model.TokenLogprob;

/**
 * Reads log-probabilities out of completion and chat replies, in every shape the supported servers use (see
 * {@code ../shared/notes/openai-compatible-servers.md}): the legacy completions shape
 * {@code logprobs = {tokens, token_logprobs, top_logprobs: [{token: logprob}], text_offset}} (OpenAI, vLLM) and the chat
 * shape {@code logprobs = {content: [{token, logprob, top_logprobs: [{token, logprob}]}]}} (OpenAI, vLLM, Ollama,
 * llama-server, whose completions endpoint also uses it). vLLM writes -inf as -9999.0: values at or below -9999 are
 * read as negative infinity. A reply without logprobs is an error, never a guess.
 */
final class LogprobReplies {
    static final double VLLM_NEG_INF = -9999.0;

    private LogprobReplies() {
    }

    /**
     * A log-probability from a reply: vLLM's -9999 (and below) is -infinity; a tolerance of 1e-6 above 0 is float
     * rounding and kept (the distribution clamps it).
     *
     * @throws ModelException (not retriable) for a missing or non-numeric value, or one clearly above 0 or infinite
     *                        (no probability): the reply is garbled, and scoring it would make no distribution
     */
    static double logprob(JsonNode n, String context) {
        if (n == null || !n.isNumber()) {
            throw new ModelException("openai: " + context + ": expected a numeric logprob, got "
                    + (n == null ? "none" : "\"" + ApiErrors.quote(n.toString()) + "\""), false);
        }
        double v = n.asDouble();
        if (v <= VLLM_NEG_INF) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!(v <= 1e-6)) {
            throw new ModelException("openai: " + context + ": logprob " + n + " is above 0 (not a probability)",
                    false);
        }
        return v;
    }

    /** The choices of a reply ordered by their {@code index} (servers may answer a prompt list out of order). */
    static List<JsonNode> choices(JsonNode reply, int expected, String context) {
        JsonNode choices = reply.get("choices");
        if (choices == null || !choices.isArray() || choices.size() != expected) {
            throw new ModelException("openai: " + context + ": expected " + expected + " choice(s), got "
                    + (choices == null || !choices.isArray() ? "none" : choices.size()) + ": \""
                    + ApiErrors.quote(reply.toString()) + "\"", false);
        }
        JsonNode[] ordered = new JsonNode[expected];
        for (int i = 0; i < expected; i++) {
            JsonNode c = choices.get(i);
            int index = c.has("index") ? c.get("index").asInt() : i;
            if (index < 0 || index >= expected || ordered[index] != null) {
                throw new ModelException("openai: " + context + ": choice index " + index + " is out of order", false);
            }
            ordered[index] = c;
        }
        return List.of(ordered);
    }

    /** The generated text of a choice ({@code text} or {@code message.content}). */
    static String text(JsonNode choice) {
        if (choice.hasNonNull("text")) {
            return choice.get("text").asText();
        }
        JsonNode message = choice.get("message");
        if (message != null && message.hasNonNull("content")) {
            return message.get("content").asText();
        }
        return "";
    }

    /**
     * The top next-token list of the first generated token of a choice, deduplicated by token (vLLM may list the
     * sampled token twice), in descending order.
     *
     * @throws ModelException (not retriable) when the reply has no logprobs
     */
    static List<TokenLogprob> firstTokenTop(JsonNode choice, String context) {
        JsonNode lp = choice.get("logprobs");
        Map<String, Double> top = new LinkedHashMap<>();
        if (lp != null && lp.isObject()) {
            JsonNode content = lp.get("content");
            JsonNode legacyTop = lp.get("top_logprobs");
            if (content != null && content.isArray() && content.size() > 0) {
                JsonNode list = content.get(0).get("top_logprobs");
                if (list != null && list.isArray()) {
                    for (JsonNode e : list) {
                        JsonNode token = e.get("token");
                        if (token == null || !token.isTextual()) {
                            throw new ModelException("openai: " + context + ": a top_logprobs entry has no token: \""
                                    + ApiErrors.quote(e.toString()) + "\"", false);
                        }
                        top.merge(token.asText(), logprob(e.get("logprob"), context), Math::max);
                    }
                }
            } else if (legacyTop != null && legacyTop.isArray() && legacyTop.size() > 0
                    && legacyTop.get(0).isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = legacyTop.get(0).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    top.merge(e.getKey(), logprob(e.getValue(), context), Math::max);
                }
            }
        }
        if (top.isEmpty()) {
            throw noLogprobs(context);
        }
        List<TokenLogprob> out = new ArrayList<>();
        top.forEach((t, l) -> out.add(new TokenLogprob(t, l)));
        out.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
        return out;
    }

    static ModelException noLogprobs(String context) {
        return new ModelException("openai: " + context + ": the server returned no logprobs, so no option can be "
                + "scored (refusing to guess). Ollama's /v1/completions never returns them and older llama-server "
                + "builds return none on /v1/completions: use endpoint=chat mode=top-logprobs, or mode=generate for "
                + "models without logprobs", false);
    }

    /**
     * The exact log-probability of a continuation from an echoed prompt (context + continuation) in the legacy shape.
     * A token belongs to the continuation when it ends after the context's end, measured in Unicode code points as
     * the server's {@code text_offset} counts them (Python string indices): a token that straddles the join counts
     * toward the continuation, since predicting it is predicting the continuation's first characters. Tokens at or
     * after the end of the echoed text (generated ones) are ignored.
     *
     * @param contextLength the context's length in code points
     * @param fullLength    context + continuation, in code points
     * @throws ModelException (not retriable) when the reply has no prompt logprobs or the continuation cannot be
     *                        located (e.g. the first token of an empty context, which has no logprob)
     */
    static ContinuationScore echoed(JsonNode choice, String continuation, int contextLength, int fullLength,
                                    String context) {
        JsonNode lp = choice.get("logprobs");
        JsonNode tokens = lp == null ? null : lp.get("tokens");
        JsonNode tokenLogprobs = lp == null ? null : lp.get("token_logprobs");
        JsonNode offsets = lp == null ? null : lp.get("text_offset");
        if (tokens == null || tokenLogprobs == null || offsets == null || !tokenLogprobs.isArray()
                || tokenLogprobs.size() == 0 || offsets.size() != tokenLogprobs.size()) {
            throw noLogprobs(context);
        }
        int n = tokenLogprobs.size();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            int start = offsets.get(i).asInt();
            int end = i + 1 < n ? offsets.get(i + 1).asInt() : fullLength;
            if (start >= fullLength) {
                break;
            }
            if (end <= contextLength) {
                continue;
            }
            JsonNode l = tokenLogprobs.get(i);
            if (l == null || l.isNull()) {
                throw new ModelException("openai: " + context + ": token " + i + " of the continuation \""
                        + continuation + "\" has no logprob (the first token of a prompt has none: the context must "
                        + "not be empty)", false);
            }
            sum += logprob(l, context);
            count++;
        }
        if (count == 0) {
            throw new ModelException("openai: " + context + ": no echoed token covers the continuation \""
                    + continuation + "\" (did the server echo the prompt? it needs echo=true)", false);
        }
        return ContinuationScore.exact(continuation, sum, count);
    }
}
