package org.culturalign.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.culturalign.InvalidInputException;

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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigFiles() {
    }

    /**
     * Reads a config file; {@code .yaml}/{@code .yml} as YAML, anything else as JSON. Keys are those of
     * {@link EvalConfig} (camelCase); missing keys take the embedded default's values.
     *
     * @throws InvalidInputException naming the file and the bad key or line
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
        com.fasterxml.jackson.databind.node.ObjectNode merged = JSON.valueToTree(EvalConfig.embeddedDefault());
        node.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        try {
            return JSON.treeToValue(merged, EvalConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("--config " + file + ": unknown key '" + e.getPropertyName()
                    + "'; expected one of " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof InvalidInputException iie ? iie : null;
            if (cause != null) {
                throw new InvalidInputException("--config " + file + ": " + cause.getMessage());
            }
            throw new InvalidInputException("--config " + file + ": " + e.getOriginalMessage());
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
