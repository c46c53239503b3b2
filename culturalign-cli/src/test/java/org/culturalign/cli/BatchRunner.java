package org.culturalign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A small offline batch runner that follows the OpenAI Batch API file formats (and vLLM's {@code run_batch}): reads an
 * input file ({@code custom_id, method, url, body} per line), POSTs each body to {@code baseUrl + url} of a real
 * server, and writes one output line per request ({@code id, custom_id, response: {status_code, request_id, body},
 * error}), in reverse input order (the formats do not promise order). {@code faults} replaces the output line of a
 * custom_id by what the function makes of the real output line (an error line, a body without logprobs, ...).
 */
final class BatchRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchRunner() {
    }

    /** @return the number of requests run */
    static int run(Path input, Path output, String baseUrl, Map<String, Function<ObjectNode, ObjectNode>> faults)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode req = JSON.readTree(line);
            if (!"POST".equals(req.get("method").asText())) {
                throw new IllegalArgumentException("only POST is in the format: " + line);
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + req.get("url").asText()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(req.get("body").toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            n++;
            ObjectNode o = JSON.createObjectNode().put("id", "batch_req_" + n)
                    .put("custom_id", req.get("custom_id").asText());
            ObjectNode response = o.putObject("response").put("status_code", r.statusCode())
                    .put("request_id", "req_" + n);
            response.set("body", JSON.readTree(r.body()));
            o.putNull("error");
            String id = req.get("custom_id").asText();
            out.add((faults.containsKey(id) ? faults.get(id).apply(o) : o).toString());
        }
        Collections.reverse(out);
        Files.write(output, out, StandardCharsets.UTF_8);
        return n;
    }
}
