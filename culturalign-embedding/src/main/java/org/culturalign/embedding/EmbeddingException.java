package org.culturalign.embedding;

/** The embedding model could not be loaded or run (a broken installation, not bad user input). */
public class EmbeddingException extends RuntimeException {
    /** @param message one line: what failed */
    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
