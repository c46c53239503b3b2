package org.culturalign.model;

/** What a {@link LanguageModel} backend can do; asking for something not declared throws {@link UnsupportedCapabilityException}. */
public enum Capability {
    /** Exact log-probabilities of given continuations of a text prompt ({@link LanguageModel#loglikelihood}). */
    LOGLIKELIHOOD,
    /** Exact log-probabilities of continuations of a chat prompt (chat template applied by the backend). */
    CHAT_LOGLIKELIHOOD,
    /** The top-N next-token log-probabilities after a prompt ({@link LanguageModel#nextTokenLogprobs}). */
    NEXT_TOKEN_LOGPROBS,
    /** Sampling text ({@link LanguageModel#generate}). */
    GENERATE
}
