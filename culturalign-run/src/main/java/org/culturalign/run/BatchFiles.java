package org.culturalign.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.culturalign.InvalidInputException;
import org.culturalign.model.BatchRequest;

/**
 * The OpenAI Batch API file formats ({@code docs/batch.md}), as OpenAI's batch endpoint and vLLM's {@code run_batch}
 * read and write them. An input line is {@code {"custom_id", "method": "POST", "url", "body"}}; an output line is
 * {@code {"id", "custom_id", "response": {"status_code", "request_id", "body"} | null, "error": null | string |
 * object}}. A {@code custom_id} is {@code <run>/c<cell>/<country>/<language>/<question>/r<k>}: the first 12 hex digits
 * of the run's config hash, the cell's index in the grid (the order of {@code cells.csv}), its country and language
 * (for people reading the file), the question id, and the index of the request among the probe's requests (see
 * {@code docs/batch.md}). Ids are stable: the same config gives the same ids in every process.
 */
public final class BatchFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("([0-9a-f]{12})/c(\\d{1,9})/[^/]*/[^/]*/([^/]+)/r(\\d{1,9})");

    private BatchFiles() {
    }

    /** The run part of this run's custom ids: 12 hex digits of its config hash. */
    static String runId(String configHash) {
        String hex = configHash.startsWith("sha256:") ? configHash.substring(7) : configHash;
        return hex.substring(0, 12);
    }

    /** The custom_id of request {@code k} of the probe of {@code question} in cell {@code cellIndex}. */
    static String customId(String runId, int cellIndex, GridCell cell, String questionId, int k) {
        return runId + "/c" + cellIndex + "/" + cell.country() + "/" + cell.language() + "/" + questionId + "/r" + k;
    }

    /** One input line (no newline): the request as the batch runner should POST it. */
    static String inputLine(String customId, BatchRequest request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            return JSON.writeValueAsString(JSON.createObjectNode().put("custom_id", customId).put("method", "POST")
                    .put("url", request.url()).set("body", body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a backend built a request body that is not JSON: " + request.body(), e);
        }
    }

    /**
     * Reads an output file line by line, checking each line before it is returned: a JSON object with a custom_id of
     * this run (a known cell and question), each id once per file. Blank lines are skipped. The file is read lazily;
     * close the reader ({@link Lines#close}).
     *
     * @param runId     this run's {@link #runId}
     * @param cells     the number of grid cells
     * @param questions the question ids of the grid
     * @throws InvalidInputException (while iterating) naming the file, the line and what was expected
     */
    static Lines read(Path file, String runId, int cells, java.util.Set<String> questions) {
        try {
            return new Lines(file, Files.newBufferedReader(file, StandardCharsets.UTF_8), runId, cells, questions);
        } catch (IOException e) {
            throw new InvalidInputException("--import-batch " + file + ": cannot read the file ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /** The checked replies of one output file, in file order. */
    static final class Lines implements Iterator<RunStore.BatchReply>, AutoCloseable {
        private final Path file;
        private final BufferedReader reader;
        private final String runId;
        private final int cells;
        private final java.util.Set<String> questions;
        private final Map<String, Long> seen = new HashMap<>();
        private RunStore.BatchReply next;
        private long line;
        private long failed;

        private Lines(Path file, BufferedReader reader, String runId, int cells, java.util.Set<String> questions) {
            this.file = file;
            this.reader = reader;
            this.runId = runId;
            this.cells = cells;
            this.questions = questions;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                String text;
                while ((text = reader.readLine()) != null) {
                    line++;
                    if (!text.isBlank()) {
                        next = parse(text);
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("--import-batch " + file + ": cannot read line " + (line + 1) + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public RunStore.BatchReply next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RunStore.BatchReply r = next;
            next = null;
            if (!r.ok()) {
                failed++;
            }
            return r;
        }

        /** Lines read so far (blank ones included). */
        long lines() {
            return line;
        }

        /** Replies returned so far that carry an error. */
        long failed() {
            return failed;
        }

        /** Distinct custom ids returned so far. */
        long replies() {
            return seen.size();
        }

        private InvalidInputException bad(String what) {
            return new InvalidInputException("--import-batch " + file + ":" + line + ": " + what);
        }

        private RunStore.BatchReply parse(String text) {
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw bad("not JSON (" + e.getOriginalMessage() + "); expected one batch output object per line "
                        + "({\"id\", \"custom_id\", \"response\", \"error\"})");
            }
            if (n == null || !n.isObject()) {
                throw bad("expected a JSON object ({\"id\", \"custom_id\", \"response\", \"error\"}), got " + kind(n));
            }
            JsonNode idNode = n.get("custom_id");
            if (idNode == null || !idNode.isTextual() || idNode.asText().isEmpty()) {
                throw bad("field custom_id: expected the text id of an exported request, got " + kind(idNode));
            }
            String id = idNode.asText();
            checkId(id);
            Long first = seen.putIfAbsent(id, line);
            if (first != null) {
                throw bad("custom_id " + id + " appears twice in the file (first at line " + first + ")");
            }
            JsonNode error = n.get("error");
            JsonNode response = n.get("response");
            if (response != null && !response.isNull() && !response.isObject()) {
                throw bad("field response: expected an object {\"status_code\", \"request_id\", \"body\"} or null, "
                        + "got " + kind(response));
            }
            boolean hasResponse = response != null && response.isObject();
            JsonNode status = hasResponse ? response.get("status_code") : null;
            if (hasResponse && (status == null || !status.canConvertToInt() || !status.isIntegralNumber())) {
                throw bad("field response.status_code: expected an HTTP status (a whole number), got " + kind(status));
            }
            JsonNode body = hasResponse ? response.get("body") : null;
            if (error != null && !error.isNull()) {
                String status0 = hasResponse ? "HTTP " + status.asInt() + ": " : "";
                return new RunStore.BatchReply(id, false, null, status0 + errorText(error));
            }
            if (!hasResponse) {
                return new RunStore.BatchReply(id, false, null, "the line has neither a response nor an error");
            }
            int code = status.asInt();
            if (code / 100 != 2) {
                return new RunStore.BatchReply(id, false, null, "HTTP " + code
                        + (body != null && !body.isNull() ? ": " + errorText(body) : ""));
            }
            if (body == null || !body.isObject()) {
                return new RunStore.BatchReply(id, false, null, "HTTP " + code + " with no JSON object body (got "
                        + kind(body) + ")");
            }
            return new RunStore.BatchReply(id, true, body.toString(), null);
        }

        private void checkId(String id) {
            Matcher m = ID.matcher(id);
            if (!m.matches()) {
                throw bad("custom_id " + quote(id) + " is not one culturalign exported (expected "
                        + "<run>/c<cell>/<country>/<language>/<question>/r<k>)");
            }
            if (!m.group(1).equals(runId)) {
                throw bad("custom_id " + quote(id) + " belongs to another run (run " + m.group(1) + "; this "
                        + "configuration is run " + runId + "): import with the options the batch was exported with");
            }
            int cell = Integer.parseInt(m.group(2));
            if (cell >= cells || !questions.contains(m.group(3))) {
                throw bad("custom_id " + quote(id) + " names " + (cell >= cells ? "cell " + cell + " of a grid with "
                        + cells + " cells" : "question " + m.group(3) + ", which is not in the grid"));
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }

    /**
     * One line of what a batch error says: a string as is; an object's {@code code} and {@code message} (OpenAI's
     * {@code {code, message}}, vLLM's {@code ErrorResponse} with or without an {@code error} wrapper).
     */
    static String errorText(JsonNode error) {
        if (error.isTextual()) {
            return oneLine(error.asText());
        }
        JsonNode e = error.has("error") && error.get("error").isObject() ? error.get("error") : error;
        String message = e.path("message").isTextual() ? e.get("message").asText() : null;
        String code = e.hasNonNull("code") && e.get("code").isValueNode() ? e.get("code").asText() : null;
        if (message == null) {
            return oneLine(error.toString());
        }
        return oneLine((code == null ? "" : code + ": ") + message);
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= 300 ? t : t.substring(0, 300) + "...";
    }

    private static String quote(String s) {
        return "\"" + (s.length() <= 80 ? s : s.substring(0, 80) + "...") + "\"";
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        String t = n.toString();
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + (t.length() <= 40 ? t
                : t.substring(0, 40) + "...");
    }
}
