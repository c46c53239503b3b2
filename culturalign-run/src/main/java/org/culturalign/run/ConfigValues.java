package org.culturalign.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.DemonstrationSelectors;

/**
 * The vocabulary of config values shared by the flags of {@code culturalign eval} and its {@code --config} file: one
 * parser for persona settings, selector lists ({@code fixed:Q1,Q2} inside a comma list) and the shape of every key,
 * so a YAML file accepts what the command line accepts.
 */
public final class ConfigValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> STRING_LISTS = Set.of("models", "countries", "languages", "formats", "questions");

    private ConfigValues() {
    }

    /**
     * Parses a persona setting: {@code off} (also false, no) = [false], {@code on} (true, yes) = [true], {@code both}
     * = [false, true].
     *
     * @throws InvalidInputException for anything else
     */
    public static List<Boolean> persona(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "off", "false", "no" -> List.of(false);
            case "on", "true", "yes" -> List.of(true);
            case "both" -> List.of(false, true);
            default -> throw new InvalidInputException("expected off, on or both, got '" + value.strip() + "'");
        };
    }

    /**
     * Splits a comma-separated selector list in which {@code fixed:} takes a comma-separated id list itself:
     * {@code chrf,fixed:Q1,Q2,random} is [chrf, fixed:Q1,Q2, random]. After a {@code fixed:} entry, every following
     * entry that is not a selector name (a built-in or installed selector, or another {@code prefix:...}) is one of
     * its question ids. {@code fixed:Q1+Q2} and {@code fixed:Q1;Q2} are accepted as well.
     *
     * @return the selector names, {@code fixed:} ones spelled with commas
     */
    public static List<String> splitSelectors(String text) {
        Set<String> names = new HashSet<>();
        for (String n : DemonstrationSelectors.available()) {
            if (!n.contains(":")) {
                names.add(n.toLowerCase(Locale.ROOT));
            }
        }
        names.add(DemonstrationSelectors.EMBEDDING);
        List<String> out = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String token = raw.strip();
            int last = out.size() - 1;
            boolean inFixed = last >= 0 && out.get(last).regionMatches(true, 0, "fixed:", 0, 6);
            String base = org.culturalign.icl.ShuffledOrder.parse(token).map(v -> v.base()).orElse(token);
            if (inFixed && !token.isEmpty() && !token.contains(":") && !names.contains(base.toLowerCase(Locale.ROOT))) {
                out.set(last, out.get(last) + "," + token);
            } else {
                out.add(token);
            }
        }
        return out.stream().map(EvalConfig::canonicalSelector).toList();
    }

    /**
     * A config file value in the shape {@link EvalConfig}'s JSON has: lists from single values or comma-separated
     * text, persona words as booleans, scalars as text where text is expected.
     *
     * @throws InvalidInputException saying what was expected (the caller adds the file and key)
     */
    static JsonNode normalise(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return NODES.nullNode();
        }
        return switch (key) {
            case "models", "countries", "languages", "formats", "questions" -> stringList(key, value);
            case "selectors" -> {
                ArrayNode out = NODES.arrayNode();
                for (JsonNode v : elements(key, value)) {
                    splitSelectors(scalarText(key, v)).forEach(out::add);
                }
                yield out;
            }
            case "shots" -> {
                ArrayNode out = NODES.arrayNode();
                for (JsonNode v : elements(key, value)) {
                    for (String part : scalarText(key, v).split(",")) {
                        out.add(wholeNumber(key, part.strip()));
                    }
                }
                yield out;
            }
            case "persona" -> {
                ArrayNode out = NODES.arrayNode();
                for (JsonNode v : elements(key, value)) {
                    persona(key, scalarText(key, v)).forEach(out::add);
                }
                yield out;
            }
            case "seed", "bootstrapResamples" -> NODES.numberNode(wholeNumber(key, scalarText(key, value)));
            case "limit" -> {
                try {
                    yield NODES.numberNode(Double.parseDouble(scalarText(key, value)));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("expected " + expected(key) + ", got " + value);
                }
            }
            case "excludeBattery" -> {
                String v = scalarText(key, value).toLowerCase(Locale.ROOT);
                if (List.of("true", "yes", "on").contains(v)) {
                    yield NODES.booleanNode(true);
                }
                if (List.of("false", "no", "off").contains(v)) {
                    yield NODES.booleanNode(false);
                }
                throw new InvalidInputException("expected " + expected(key) + ", got " + value);
            }
            case "modelArgs" -> {
                if (!value.isObject()) {
                    throw new InvalidInputException("expected " + expected(key) + ", got " + value);
                }
                ObjectNode out = NODES.objectNode();
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    out.put(e.getKey(), scalarText(key + "." + e.getKey(), e.getValue()));
                }
                yield out;
            }
            default -> NODES.textNode(scalarText(key, value));
        };
    }

    /** What a key expects, in words (for error messages). */
    static String expected(String key) {
        if (key == null) {
            return "the keys and values of a run's config.json";
        }
        if (STRING_LISTS.contains(key)) {
            return "a name or a list of names, e.g. [DEU, NGA]";
        }
        return switch (key) {
            case "selectors" -> "a selector or a list of selectors, e.g. [chrf, \"fixed:Q1,Q2\"]";
            case "shots" -> "a whole number >= 0 or a list of them, e.g. [0, 5]";
            case "persona" -> "off, on or both";
            case "seed" -> "a whole number";
            case "bootstrapResamples" -> "a whole number >= 1000";
            case "limit" -> "a whole number of questions >= 1 or a fraction between 0 and 1";
            case "excludeBattery" -> "true or false";
            case "modelArgs" -> "a mapping of backend settings, e.g. {n_ctx: 2048}";
            default -> "a single value (text)";
        };
    }

    private static List<Boolean> persona(String key, String text) {
        try {
            return persona(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("expected " + expected(key) + ", got '" + text + "'");
        }
    }

    private static ArrayNode stringList(String key, JsonNode value) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode v : elements(key, value)) {
            String text = scalarText(key, v);
            if (value.isArray()) {
                out.add(text);
            } else {
                for (String part : text.split(",")) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static List<JsonNode> elements(String key, JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        } else if (value.isValueNode()) {
            out.add(value);
        } else {
            throw new InvalidInputException("expected " + expected(key) + ", got " + value);
        }
        return out;
    }

    private static String scalarText(String key, JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new InvalidInputException("expected " + expected(key) + ", got " + value);
        }
        return value.asText();
    }

    private static long wholeNumber(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("expected " + expected(key) + ", got '" + text + "'");
        }
    }
}
