package org.culturalign.model;

/**
 * What a model is given: plain text (completion style) or chat messages (rendered by the backend with the model's
 * own chat template, or sent to a chat endpoint).
 */
public sealed interface Prompt permits TextPrompt, ChatPrompt {
    /** A short single-line rendering for logs and error messages (not the exact prompt). */
    String summary();
}
