package org.culturalign.model;

/**
 * A completion-style prompt: the exact text the model continues.
 *
 * @param text the context, e.g. ending in the answer stem {@code "Answer:"}; continuations carry their own leading
 *             whitespace
 */
public record TextPrompt(String text) implements Prompt {
    /** @throws IllegalArgumentException for a null text */
    public TextPrompt {
        if (text == null) {
            throw new IllegalArgumentException("prompt text must not be null");
        }
    }

    @Override
    public String summary() {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : "..." + oneLine.substring(oneLine.length() - 77);
    }
}
