package org.culturalign.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Who answered, for provenance and cache keys.
 *
 * @param backend  backend name, e.g. "llamacpp", "openai", "demo"
 * @param name     model name: GGUF file name / general.name, or the server's model id
 * @param digest   content identity: "sha256:&lt;hex&gt;" of the GGUF file, or the server URL + model id
 * @param details  further key facts (GGUF architecture, parameter count, quantisation, server version, ...); secrets
 *                 never appear here
 */
public record ModelIdentity(String backend, String name, String digest, Map<String, String> details) {
    /** Sorted, immutable copy of details. */
    public ModelIdentity {
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details == null ? Map.of() : details));
    }
}
