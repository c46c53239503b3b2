package org.culturalign.served.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the error message out of a server's error body. Shapes seen in the wild: OpenAI and vLLM &gt;= 0.10.1 nest
 * {@code {"error": {"message", "type", "code"}}}; older vLLM answers flat {@code {"object": "error", "message": ...}};
 * vLLM's 401 is {@code {"error": "Unauthorized"}}; FastAPI validation errors carry {@code "detail"}; proxies answer
 * with HTML. Bodies that are not JSON are quoted (first 200 characters, whitespace collapsed).
 */
final class ApiErrors {
    static final int QUOTE_LIMIT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrors() {
    }

    /** The server's message in one line, e.g. "Rate limit reached (type rate_limit_error, code 429)". */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "empty body";
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (Exception e) {
            return "non-JSON body: \"" + quote(body) + "\"";
        }
        if (n == null || !n.isObject()) {
            return "body: \"" + quote(body) + "\"";
        }
        JsonNode error = n.get("error");
        if (error != null && error.isObject()) {
            return withTypeAndCode(text(error.get("message")), error);
        }
        if (error != null && error.isTextual()) {
            return error.asText();
        }
        if ("error".equals(text(n.get("object"))) || n.has("message")) {
            return withTypeAndCode(text(n.get("message")), n);
        }
        if (n.has("detail")) {
            return n.get("detail").isTextual() ? n.get("detail").asText() : n.get("detail").toString();
        }
        return "body: \"" + quote(body) + "\"";
    }

    private static String withTypeAndCode(String message, JsonNode n) {
        StringBuilder sb = new StringBuilder(message == null ? "(no message)" : message);
        String type = text(n.get("type"));
        String code = n.hasNonNull("code") ? n.get("code").asText() : null;
        if (type != null || code != null) {
            sb.append(" (");
            if (type != null) {
                sb.append("type ").append(type);
            }
            if (code != null) {
                sb.append(type != null ? ", " : "").append("code ").append(code);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The first {@value #QUOTE_LIMIT} characters of a body on one line, "..." when cut. */
    static String quote(String body) {
        String one = body.replaceAll("\\s+", " ").strip();
        return one.length() <= QUOTE_LIMIT ? one : one.substring(0, QUOTE_LIMIT) + "...";
    }
}
