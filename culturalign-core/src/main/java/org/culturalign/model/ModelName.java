package org.culturalign.model;

import java.nio.file.Path;

/**
 * A short model name that {@code --model} accepts (an entry of {@link ModelNames}): a GGUF file known by its size and
 * SHA-256, found in culturalign's model cache or taken from the Hugging Face hub.
 *
 * @param name        what {@code --model} takes, e.g. {@code gemma-3-270m}
 * @param file        the file name in the model cache ({@link ModelNames#modelsDirectory()})
 * @param size        its size in bytes
 * @param sha256      its SHA-256, lower-case hex
 * @param hf          {@code OWNER/REPO/FILE[@REVISION]} on the Hugging Face hub with the same bytes, or null
 * @param description one line for help texts
 */
public record ModelName(String name, String file, long size, String sha256, String hf, String description) {

    /** Where the model cache keeps this model. */
    public Path cachedFile(Path modelsDirectory) {
        return modelsDirectory.resolve(file);
    }

    /** The {@code hf:} spec that downloads this file and checks its hash, or null when no hub file is recorded. */
    public String hfSpec() {
        return hf == null ? null : "hf:" + hf + "#sha256=" + sha256;
    }

    /** The digest a backend reports for this file ({@link ModelIdentity#digest()}). */
    public String digest() {
        return "sha256:" + sha256;
    }
}
