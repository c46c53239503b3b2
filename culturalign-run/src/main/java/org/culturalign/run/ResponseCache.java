package org.culturalign.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.culturalign.io.Sha256;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.Prompt;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;

/**
 * The global response cache: one SQLite file shared by every run (default {@link RunOptions#defaultCachePath()}),
 * mapping a content hash of (model identity, prompt, continuations, scoring mode) to the backend's scores. Safe with
 * several threads (one connection, synchronised) and several processes (WAL, busy timeout, insert-or-ignore: two
 * processes computing the same response store identical values).
 */
public final class ResponseCache implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection connection;
    private final Path file;

    private ResponseCache(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens or creates the cache file. */
    public static ResponseCache open(Path file) {
        Connection c = Sqlite.open(file);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS response (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
                    + " created_at TEXT NOT NULL)");
        } catch (SQLException e) {
            throw new Sqlite.StoreException("cannot initialise the response cache " + file + ": " + e.getMessage(), e);
        }
        return new ResponseCache(c, file);
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /**
     * The cache key: hex SHA-256 over the model's backend and content digest, the exact prompt, the continuations and
     * the scoring mode (e.g. {@code loglikelihood}), each length-prefixed so no two inputs share a key. A chat prompt's
     * key also holds the model's {@code chat_template} detail: the same messages rendered by another template (the
     * llamacpp {@code chat_template} model arg) are another prompt. Text prompts' keys are unchanged by it. A model
     * whose identity names its inference {@code engine} (llamacpp: the llama.cpp build) has it in the key: another
     * build of llama.cpp gives other logits for the same file.
     */
    public static String key(ModelIdentity model, ScoringRequest request, String scoringMode) {
        ObjectNode node = JSON.createObjectNode();
        node.put("backend", model.backend());
        node.put("digest", model.digest());
        node.set("prompt", promptJson(request.prompt()));
        if (request.prompt() instanceof ChatPrompt) {
            node.put("chatTemplate", model.details().getOrDefault("chat_template", ""));
        }
        String engine = model.details().get("engine");
        if (engine != null) {
            node.put("engine", engine);
        }
        ArrayNode cont = node.putArray("continuations");
        request.continuations().forEach(cont::add);
        node.put("mode", scoringMode);
        return Sha256.hex(node.toString());
    }

    /** A prompt as JSON (also the form written to samples.jsonl). */
    public static ObjectNode promptJson(Prompt prompt) {
        ObjectNode p = JSON.createObjectNode();
        if (prompt instanceof TextPrompt t) {
            p.put("type", "text");
            p.put("text", t.text());
        } else if (prompt instanceof ChatPrompt c) {
            p.put("type", "chat");
            ArrayNode messages = p.putArray("messages");
            for (ChatMessage m : c.messages()) {
                messages.addObject().put("role", m.role().wireName()).put("content", m.content());
            }
            p.put("assistantPrefix", c.assistantPrefix());
        }
        return p;
    }

    /** The cached result for a key. */
    public synchronized Optional<ScoringResult> get(String key) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM response WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decode(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Sqlite.StoreException("response cache " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Stores results (one transaction); keys already present keep their value. */
    public synchronized void putAll(List<String> keys, List<ScoringResult> results) {
        try {
            Sqlite.inTransaction(connection, () -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT OR IGNORE INTO response (key, value, created_at) VALUES (?, ?, ?)")) {
                    String now = java.time.Instant.now().toString();
                    for (int i = 0; i < keys.size(); i++) {
                        ps.setString(1, keys.get(i));
                        ps.setString(2, encode(results.get(i)));
                        ps.setString(3, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw new Sqlite.StoreException("response cache " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    static String encode(ScoringResult result) {
        ObjectNode n = JSON.createObjectNode();
        n.put("mode", result.mode());
        ArrayNode scores = n.putArray("scores");
        for (ContinuationScore s : result.scores()) {
            scores.addObject().put("continuation", s.continuation()).put("logprob", s.logprob())
                    .put("tokens", s.tokenCount()).put("exact", s.exact());
        }
        return n.toString();
    }

    static ScoringResult decode(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<ContinuationScore> scores = new ArrayList<>();
            for (JsonNode s : n.get("scores")) {
                scores.add(new ContinuationScore(s.get("continuation").asText(), s.get("logprob").asDouble(),
                        s.get("tokens").asInt(), s.get("exact").asBoolean()));
            }
            return new ScoringResult(scores, n.get("mode").asText());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("corrupt response cache entry: " + json, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to do
        }
    }
}
