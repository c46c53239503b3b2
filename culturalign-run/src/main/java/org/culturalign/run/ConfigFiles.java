package org.culturalign.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;

/**
 * Reads and writes {@link EvalConfig} as YAML or JSON ({@code --config FILE}) and renders its canonical JSON (sorted
 * keys, no insignificant whitespace) for hashing.
 */
public final class ConfigFiles {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** YAML 1.2 booleans only: {@code NO} (Norway), {@code on}, {@code yes} stay words. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigFiles() {
    }

    /**
     * Reads a config file; {@code .yaml}/{@code .yml} as YAML, anything else as JSON. Keys are those of
     * {@link EvalConfig} (camelCase); missing keys take the embedded default's values
     * (its short question set only for the embedded default, see {@link EvalConfig#resolveDefaultQuestions}).
     * Values use the command line's vocabulary: a single value where a list is expected ({@code countries: DEU},
     * {@code shots: 5}) or a comma-separated text ({@code countries: DEU, NGA}) is a list; {@code persona} takes
     * {@code off}, {@code on} or {@code both}. YAML 1.1 boolean words ({@code NO}, {@code yes}, {@code on}) are read as
     * the words they are, so Norway stays {@code NO}.
     *
     * @throws InvalidInputException naming the file, the key and what was expected
     */
    public static EvalConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        JsonNode node;
        try {
            node = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("--config " + file + ": not valid " + (mapper == YAML ? "YAML" : "JSON")
                    + " at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("--config " + file + ": cannot read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("--config " + file + ": expected a mapping of config keys, e.g. "
                    + "countries: [DEU, NGA]");
        }
        ObjectNode merged = JSON.valueToTree(EvalConfig.embeddedDefault());
        List<String> keys = new ArrayList<>();
        merged.fieldNames().forEachRemaining(keys::add);
        if (!merged.has("languagePairing")) {
            // left out of the JSON when null (so older configs keep their hash), but a key a file may set
            merged.putNull("languagePairing");
            keys.add("languagePairing");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (!merged.has(key)) {
                throw new InvalidInputException("--config " + file + ": unknown key '" + key + "'; expected one of "
                        + String.join(", ", keys) + NearestNames.didYouMean(key, keys, 3));
            }
            try {
                merged.set(key, ConfigValues.normalise(key, e.getValue()));
            } catch (InvalidInputException bad) {
                throw new InvalidInputException("--config " + file + ": key '" + key + "': " + bad.getMessage());
            }
        }
        try {
            return JSON.treeToValue(merged, EvalConfig.class).resolveDefaultQuestions(node.has("questions"));
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof InvalidInputException iie) {
                throw new InvalidInputException("--config " + file + ": " + iie.getMessage());
            }
            String key = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            throw new InvalidInputException("--config " + file + ": " + (key == null ? "" : "key '" + key + "': ")
                    + "expected " + ConfigValues.expected(key));
        }
    }

    /** The canonical JSON of a config: sorted keys, compact. The input of {@link ConfigHash}. */
    public static String canonicalJson(EvalConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pretty JSON of a config, as saved in {@code config.json} (readable back with {@link #read}). */
    public static String prettyJson(EvalConfig config) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses canonical or pretty JSON back (e.g. from the run store). */
    public static EvalConfig fromJson(String json) {
        try {
            return JSON.readValue(json, EvalConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
