package org.culturalign.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded, structure-aware input mutation for the fuzz properties (a plain-JUnit stand-in for a coverage-guided
 * fuzzer): each case starts from a valid seed input and applies 1-6 edits: byte flips, deletions, duplications,
 * truncation, and insertions of tokens that break parsers (quotes, separators, brackets, huge, negative, NaN-like and
 * non-finite numbers, control and non-ASCII characters). The same seed gives the same cases in every run, so a
 * failure names the case number that reproduces it.
 */
public final class Mutator {
    private static final List<String> TOKENS = List.of("\"", "'", ",", ";", "\n", "\r\n", "\t", " ", "{", "}", "[",
            "]", ":", "null", "true", "false", "-1", "0", "-0", "1e309", "-1e309", "1e-320", "NaN", "Infinity",
            "-Infinity", "9999999999999999999999", "-9999", "0.0", "1.5", "-2.25", "\\", "\\u0000", "\u0000", "\u00e9",
            "\u4e2d", "\ud83d\ude00", "#", "=", "defaultdict(<class 'list'>, {", "'Britain': [", "])", "[]", "{}",
            "\"\"", "''", "---", "- ", "?", "&a", "*a", "!!binary", "%", "Q1", "USA", "\"logprob\":", "\"choices\":",
            "\"top_logprobs\":", "\"tokens\":", "\"text_offset\":", "\"content\":", "\"token_logprobs\":");

    private final Random random;

    /** @param seed the run's seed: fixed in each test */
    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** One mutated copy of one of the seeds. */
    public String mutate(List<String> seeds) {
        return new String(mutate(seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /** One mutated copy of {@code seed}. */
    public byte[] mutate(byte[] seed) {
        List<Byte> b = new ArrayList<>(seed.length + 64);
        for (byte x : seed) {
            b.add(x);
        }
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = b.isEmpty() ? 0 : random.nextInt(b.size() + 1);
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (at < b.size()) {
                        b.set(at, (byte) (b.get(at) ^ (1 << random.nextInt(8))));
                    }
                }
                case 1 -> {
                    int n = Math.min(b.size() - at, 1 + random.nextInt(16));
                    for (int i = 0; i < n; i++) {
                        b.remove(at);
                    }
                }
                case 2 -> {
                    int n = Math.min(b.size() - at, 1 + random.nextInt(32));
                    List<Byte> copy = new ArrayList<>(b.subList(at, at + n));
                    b.addAll(at, copy);
                }
                case 3 -> {
                    if (random.nextInt(4) == 0) {
                        b.subList(at, b.size()).clear();
                    }
                }
                default -> {
                    byte[] t = TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
                    List<Byte> tb = new ArrayList<>(t.length);
                    for (byte x : t) {
                        tb.add(x);
                    }
                    b.addAll(at, tb);
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    /**
     * One structurally mutated copy of a JSON seed: 1-4 random nodes replaced by a value of another kind or an
     * extreme number, removed, or duplicated; the result is still JSON, so the parser's semantic checks are reached.
     * A seed that is not JSON gets the byte mutation of {@link #mutate(byte[])}.
     */
    public String mutateJson(List<String> seeds) {
        String seed = seeds.get(random.nextInt(seeds.size()));
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(seed);
        } catch (java.io.IOException e) {
            root = null;
        }
        if (root == null || !root.isContainerNode()) {
            return new String(mutate(seed.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            List<com.fasterxml.jackson.databind.JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            com.fasterxml.jackson.databind.JsonNode c = containers.get(random.nextInt(containers.size()));
            if (c.isEmpty()) {
                continue;
            }
            int i = random.nextInt(c.size());
            if (c instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                String key = keys.get(i);
                if (random.nextInt(5) == 0) {
                    o.remove(key);
                } else {
                    o.set(key, value(o.get(key)));
                }
            } else if (c instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
                switch (random.nextInt(5)) {
                    case 0 -> a.remove(i);
                    case 1 -> a.insert(i, a.get(i).deepCopy());
                    default -> a.set(i, value(a.get(i)));
                }
            }
        }
        return root.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static void collect(com.fasterxml.jackson.databind.JsonNode n,
                                List<com.fasterxml.jackson.databind.JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(child -> collect(child, out));
        }
    }

    private com.fasterxml.jackson.databind.JsonNode value(com.fasterxml.jackson.databind.JsonNode old) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return switch (random.nextInt(9)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(number());
            case 2 -> f.numberNode(random.nextInt(21) - 10);
            case 3 -> f.textNode(TOKENS.get(random.nextInt(TOKENS.size())));
            case 4 -> f.booleanNode(random.nextBoolean());
            case 5 -> f.arrayNode();
            case 6 -> f.objectNode();
            case 7 -> old.isNumber() ? f.numberNode(-old.asDouble()) : f.textNode(old.toString());
            default -> old.isContainerNode() && !old.isEmpty() ? old.deepCopy() : f.numberNode(number());
        };
    }

    /** A replacement for a number in structured seeds: ordinary, extreme and non-finite values. */
    public double number() {
        return switch (random.nextInt(10)) {
            case 0 -> Double.MAX_VALUE;
            case 1 -> -Double.MAX_VALUE;
            case 2 -> Double.MIN_VALUE;
            case 3 -> 0.0;
            case 4 -> -0.0;
            case 5 -> 1e-300;
            case 6 -> -1e300;
            default -> (random.nextDouble() - 0.7) * Math.pow(10, random.nextInt(8) - 4);
        };
    }

    /** The underlying random source, for choosing among structured variants. */
    public Random random() {
        return random;
    }
}
