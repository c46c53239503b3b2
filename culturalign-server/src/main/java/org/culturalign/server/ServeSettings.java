package org.culturalign.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.culturalign.InvalidInputException;

/**
 * The steering proxy's settings: command-line values plus an optional YAML or JSON config file.
 *
 * @param upstream        the upstream API root including its version path, e.g. {@code http://127.0.0.1:8080/v1}
 * @param upstreamKeyEnv  the environment variable holding the upstream key (the key itself is never stored here)
 * @param host            the interface to listen on (default {@code 127.0.0.1})
 * @param port            the port (0: any free port)
 * @param k               demonstrations per steered request, 0..50 (default 5)
 * @param selector        the selector name: {@code chrf} (default), {@code embedding}, {@code random},
 *                        {@code fixed:Q1,Q2,...}
 * @param render          how demonstrations are added ({@code system} default, or {@code few-shot})
 * @param persona         whether to add the language's persona line ("answer as a typical person from ...")
 * @param seed            the seed of random selection
 * @param defaultLanguage the language when neither the request nor the key names one (default {@code en})
 * @param maxBodyBytes    the largest request body accepted, bytes (default 1 MiB); larger: 413
 * @param maxMessages     the most chat messages accepted (default 256); more: 400
 * @param auditLog        the JSONL audit log, or null for none
 * @param auditPrompts    whether audit lines carry the prompt text (default false: only its SHA-256)
 * @param corsOrigins     origins allowed by CORS; empty (default) means CORS is off
 * @param keys            the callers' API keys; empty means no authentication (for loopback use)
 * @param upstreamTimeout the wait for the upstream's response headers (default 300 s)
 * @param threads         the server's maximum worker threads (default 512; one per request in flight)
 */
public record ServeSettings(URI upstream, String upstreamKeyEnv, String host, int port, int k, String selector,
                            RenderMode render, boolean persona, long seed, String defaultLanguage, long maxBodyBytes,
                            int maxMessages, Path auditLog, boolean auditPrompts, List<String> corsOrigins,
                            List<ApiKey> keys, Duration upstreamTimeout, int threads) {

    /** The config file's keys. */
    public static final Set<String> FILE_KEYS = Set.of("host", "port", "k", "selector", "render", "persona", "seed",
            "default_language", "max_body_bytes", "max_messages", "audit_log", "audit_prompts", "cors_origins",
            "keys", "upstream_timeout_s", "threads");
    private static final Set<String> KEY_KEYS = Set.of("name", "sha256", "country", "language", "rate_per_minute");

    /** @throws InvalidInputException for values out of range */
    public ServeSettings {
        if (upstream == null || upstream.getScheme() == null || !upstream.getScheme().matches("https?")
                || upstream.getHost() == null) {
            throw new InvalidInputException("--upstream must be an http:// or https:// URL with a host, e.g. "
                    + "http://127.0.0.1:8080/v1");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("port " + port + " is out of range 0..65535");
        }
        if (k < 0 || k > 50) {
            throw new InvalidInputException("k " + k + " is out of range 0..50");
        }
        if (maxBodyBytes < 1024 || maxMessages < 1 || threads < 8) {
            throw new InvalidInputException("max_body_bytes must be >= 1024, max_messages >= 1, threads >= 8");
        }
        corsOrigins = List.copyOf(corsOrigins);
        keys = List.copyOf(keys);
    }

    /** The defaults for an upstream: no config file. */
    public static ServeSettings defaults(URI upstream) {
        return new ServeSettings(upstream, "OPENAI_API_KEY", "127.0.0.1", 8787, 5, "chrf", RenderMode.SYSTEM, false,
                1234, "en", 1 << 20, 256, null, false, List.of(), List.of(), Duration.ofSeconds(300), 512);
    }

    /** A copy listening on another host and port. */
    public ServeSettings listening(String h, int p) {
        return new ServeSettings(upstream, upstreamKeyEnv, h, p, k, selector, render, persona, seed, defaultLanguage,
                maxBodyBytes, maxMessages, auditLog, auditPrompts, corsOrigins, keys, upstreamTimeout, threads);
    }

    /** A copy with another upstream key variable. */
    public ServeSettings withUpstreamKeyEnv(String env) {
        return new ServeSettings(upstream, env, host, port, k, selector, render, persona, seed, defaultLanguage,
                maxBodyBytes, maxMessages, auditLog, auditPrompts, corsOrigins, keys, upstreamTimeout, threads);
    }

    /**
     * Reads a YAML or JSON config file over the defaults of {@code upstream}.
     *
     * @throws InvalidInputException naming the file, the key and what was expected
     */
    public static ServeSettings load(Path file, URI upstream) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException("--config " + file + ": cannot read it: " + e.getMessage()
                    .lines().findFirst().orElse(""));
        }
        ServeSettings d = defaults(upstream);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return d;
        }
        if (!root.isObject()) {
            throw new InvalidInputException("--config " + file + ": expected a mapping of keys " + FILE_KEYS);
        }
        Reader r = new Reader(file);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!FILE_KEYS.contains(key)) {
                throw new InvalidInputException("--config " + file + ": unknown key '" + key + "'; expected one of "
                        + new java.util.TreeSet<>(FILE_KEYS));
            }
        }
        List<ApiKey> keys = new ArrayList<>();
        JsonNode ks = root.get("keys");
        if (ks != null && !ks.isNull()) {
            if (!ks.isArray()) {
                throw r.bad("keys", "a list of {name, sha256, country, language, rate_per_minute}");
            }
            for (JsonNode k : ks) {
                if (!k.isObject()) {
                    throw r.bad("keys", "a list of {name, sha256, country, language, rate_per_minute}");
                }
                for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!KEY_KEYS.contains(f)) {
                        throw r.bad("keys[" + keys.size() + "]." + f, "one of " + new java.util.TreeSet<>(KEY_KEYS));
                    }
                }
                String name = r.text(k, "name", null);
                if (name == null) {
                    throw r.bad("keys[" + keys.size() + "].name", "a name");
                }
                String hex = r.text(k, "sha256", null);
                if (hex == null) {
                    throw r.bad("keys[" + keys.size() + "].sha256", "the key's SHA-256 as 64 hex digits");
                }
                keys.add(new ApiKey(name, ApiKey.hex(name, hex), Optional.ofNullable(r.text(k, "country", null)),
                        Optional.ofNullable(r.text(k, "language", null)),
                        (int) r.number(k, "rate_per_minute", 0, 0, 1_000_000)));
            }
        }
        List<String> cors = new ArrayList<>();
        JsonNode co = root.get("cors_origins");
        if (co != null && !co.isNull()) {
            if (co.isTextual()) {
                cors.add(co.asText());
            } else if (co.isArray()) {
                co.forEach(n -> cors.add(n.asText()));
            } else {
                throw r.bad("cors_origins", "a list of origins such as https://app.example.org");
            }
        }
        String audit = r.text(root, "audit_log", null);
        return new ServeSettings(upstream, d.upstreamKeyEnv(), r.text(root, "host", d.host()),
                (int) r.number(root, "port", d.port(), 0, 65535), (int) r.number(root, "k", d.k(), 0, 50),
                r.text(root, "selector", d.selector()),
                r.render(root, d.render()),
                r.bool(root, "persona", d.persona()), (long) r.number(root, "seed", d.seed(), Long.MIN_VALUE,
                Long.MAX_VALUE), r.text(root, "default_language", d.defaultLanguage()),
                (long) r.number(root, "max_body_bytes", d.maxBodyBytes(), 1024, 1L << 34),
                (int) r.number(root, "max_messages", d.maxMessages(), 1, 1_000_000),
                audit == null ? null : (Path.of(audit).isAbsolute() ? Path.of(audit)
                        : (file.toAbsolutePath().getParent() == null ? Path.of(audit)
                        : file.toAbsolutePath().getParent().resolve(audit))),
                r.bool(root, "audit_prompts", d.auditPrompts()), cors, keys,
                Duration.ofMillis(Math.round(r.number(root, "upstream_timeout_s", 300, 0.001, 86400) * 1000)),
                (int) r.number(root, "threads", d.threads(), 8, 10_000));
    }

    /** Reads typed values and words errors with the file and key. */
    private record Reader(Path file) {
        InvalidInputException bad(String key, String expected) {
            return new InvalidInputException("--config " + file + ": " + key + ": expected " + expected);
        }

        String text(JsonNode n, String key, String dflt) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isValueNode()) {
                throw bad(key, "a text");
            }
            return v.asText();
        }

        double number(JsonNode n, String key, double dflt, double min, double max) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
                throw bad(key, "a number in [" + (long) min + ", " + (long) max + "], got " + v);
            }
            return v.asDouble();
        }

        RenderMode render(JsonNode n, RenderMode dflt) {
            String v = text(n, "render", dflt.configName());
            try {
                return RenderMode.parse(v);
            } catch (InvalidInputException e) {
                throw bad("render", "system or few-shot, got '" + v + "'");
            }
        }

        boolean bool(JsonNode n, String key, boolean dflt) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw bad(key, "true or false, got " + v);
            }
            return v.asBoolean();
        }
    }
}
