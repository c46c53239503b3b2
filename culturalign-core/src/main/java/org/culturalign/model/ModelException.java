package org.culturalign.model;

/**
 * The one unchecked exception family for backend failures, classified where an adapter meets its backend: retriable
 * (rate limits, 5xx, timeouts, a server still loading) or not (bad request, missing file, unsupported capability).
 * Messages carry the request context and never secrets.
 */
public class ModelException extends RuntimeException {
    private final boolean retriable;

    /**
     * @param message   what failed, with the request context
     * @param retriable whether repeating the same request may succeed
     */
    public ModelException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    /** Same, with a cause. */
    public ModelException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether repeating the same request may succeed. */
    public boolean isRetriable() {
        return retriable;
    }
}
