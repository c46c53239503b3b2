package org.culturalign.model;

import java.util.Set;

/**
 * Thrown when a backend is asked for something it did not declare (e.g. exact log-likelihoods from a chat API),
 * instead of approximating silently. The message says what the backend does support.
 */
public class UnsupportedCapabilityException extends ModelException {
    /**
     * @param backend   the backend's name
     * @param requested what was asked
     * @param supported what the backend declares
     */
    public UnsupportedCapabilityException(String backend, Capability requested, Set<Capability> supported) {
        super(backend + " does not support " + requested + "; it supports " + supported, false);
    }

    /**
     * Same, with why this particular model lacks it (e.g. "the GGUF file has no tokenizer.chat_template").
     *
     * @param reason one short clause, appended in parentheses
     */
    public UnsupportedCapabilityException(String backend, Capability requested, Set<Capability> supported,
                                          String reason) {
        super(backend + " does not support " + requested + "; it supports " + supported + " (" + reason + ")",
                false);
    }
}
