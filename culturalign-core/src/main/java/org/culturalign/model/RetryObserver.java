package org.culturalign.model;

/**
 * Told by a backend about the retries of its requests, so that a caller can show long waits while they happen and
 * count them (the run's provenance), without the backend knowing who listens. Backends call it from their request
 * threads, possibly several at once: implementations must be thread-safe and return quickly (they run inside the
 * request, before and after its wait). See {@link LanguageModel#observeRetries}.
 */
public interface RetryObserver {
    /** Observes nothing. */
    RetryObserver NONE = new RetryObserver() {
    };

    /** Tells every one of {@code observers}, in order. */
    static RetryObserver all(RetryObserver... observers) {
        RetryObserver[] os = observers.clone();
        return new RetryObserver() {
            @Override
            public void waiting(RetryEvent e) {
                for (RetryObserver o : os) {
                    o.waiting(e);
                }
            }

            @Override
            public void waited(RetryEvent e) {
                for (RetryObserver o : os) {
                    o.waited(e);
                }
            }

            @Override
            public void gaveUp(RetryEvent e) {
                for (RetryObserver o : os) {
                    o.gaveUp(e);
                }
            }
        };
    }

    /** The backend is about to wait {@code e.delay()} before retry {@code e.retry()}. */
    default void waiting(RetryEvent e) {
    }

    /** The wait announced by {@link #waiting} with the same event is over (or was interrupted). */
    default void waited(RetryEvent e) {
    }

    /**
     * The backend gives up on a retriable failure: its retries ran out, the server asked for a longer wait than one
     * retry may take, or the request's total retry budget is spent. The {@link ModelException} saying so follows.
     */
    default void gaveUp(RetryEvent e) {
    }
}
