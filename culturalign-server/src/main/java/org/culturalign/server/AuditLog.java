package org.culturalign.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.culturalign.io.Sha256;

/**
 * The optional JSONL audit log: one line per forwarded request, appended and flushed at once. A line:
 * {@code {"time", "key", "endpoint", "model", "steering", "country", "language", "source", "selector", "render",
 * "demonstrations": [ids], "prompt_sha256", "status", "latency_ms"}}, plus {@code "prompt"} only when prompts are
 * logged. {@code prompt_sha256} is the SHA-256 of the request's {@code messages} (chat, as compact JSON) or
 * {@code prompt} (completions) as the caller sent them, before steering. Never an API key.
 */
public final class AuditLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;
    private final boolean prompts;

    /**
     * Opens (creates or appends to) the log.
     *
     * @param file    the JSONL file
     * @param prompts whether lines carry the prompt text
     * @throws UncheckedIOException when it cannot be opened
     */
    public AuditLog(Path file, boolean prompts) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file + ": " + e.getMessage(), e);
        }
        this.prompts = prompts;
    }

    /** A new line's fields with the time, the prompt's hash and, when enabled, the prompt. */
    public ObjectNode line(String prompt) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("prompt_sha256", prompt == null ? null : Sha256.hex(prompt));
        if (prompts && prompt != null) {
            n.put("prompt", prompt);
        }
        return n;
    }

    /** Appends one line (synchronised; flushed). Failures are reported on stderr, never to the caller. */
    public synchronized void write(ObjectNode line) {
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            System.err.println("culturalign serve: cannot write the audit log: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
