package org.culturalign.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.culturalign.InvalidInputException;

/** Reads {@code results.json} of any schema version this code knows (version 1 today). */
public final class ResultsReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** The newest schema version this reader understands. */
    public static final int MAX_VERSION = 1;

    private ResultsReader() {
    }

    /**
     * Reads a results file.
     *
     * @throws InvalidInputException for an unreadable file, a file that is not culturalign results, or a newer schema
     */
    public static ResultsDocument read(Path file) {
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read results (" + e.getMessage() + ")");
        }
        String schema = node == null ? "" : node.path("schema").asText("");
        if (!schema.startsWith("culturalign.results/")) {
            throw new InvalidInputException(file + ": field 'schema' is '" + schema
                    + "', expected culturalign.results/1 (is this a culturalign results.json?)");
        }
        int version;
        try {
            version = Integer.parseInt(schema.substring("culturalign.results/".length()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": field 'schema' has no version number: '" + schema + "'");
        }
        if (version > MAX_VERSION) {
            throw new InvalidInputException(file + ": schema " + schema + " is newer than this culturalign reads (up to "
                    + "culturalign.results/" + MAX_VERSION + "); update culturalign");
        }
        try {
            return JSON.treeToValue(node, ResultsDocument.class);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": malformed results: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }
}
