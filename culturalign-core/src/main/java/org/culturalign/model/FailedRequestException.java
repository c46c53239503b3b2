package org.culturalign.model;

/**
 * One request failed for a reason of its own (a batch reply carrying an error, an unusable reply), not because the
 * backend is down: the run records its probe as failed (counted, listed in {@code failures.csv}, never scored) and
 * goes on with the others. A rerun of the same command tries failed probes again.
 */
public class FailedRequestException extends ModelException {
    /** @param message what failed and why, with the request context */
    public FailedRequestException(String message) {
        super(message, false);
    }

    /** Same, with a cause. */
    public FailedRequestException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
