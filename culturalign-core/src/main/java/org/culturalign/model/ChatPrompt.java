package org.culturalign.model;

import java.util.List;

/**
 * A chat-style prompt.
 *
 * @param messages        the conversation, ending with the user turn that asks the question
 * @param assistantPrefix text the assistant's reply is prefilled with before the continuations are scored (e.g.
 *                        {@code "Answer:"}), or empty for none; backends that cannot prefill refuse a non-empty one
 */
public record ChatPrompt(List<ChatMessage> messages, String assistantPrefix) implements Prompt {
    /** @throws IllegalArgumentException for no messages */
    public ChatPrompt {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat prompt needs at least one message");
        }
        messages = List.copyOf(messages);
        assistantPrefix = assistantPrefix == null ? "" : assistantPrefix;
    }

    @Override
    public String summary() {
        ChatMessage last = messages.get(messages.size() - 1);
        String oneLine = (last.role().wireName() + ": " + last.content()).replace('\n', ' ');
        return messages.size() + " messages, last " + (oneLine.length() <= 70 ? oneLine
                : "..." + oneLine.substring(oneLine.length() - 67));
    }
}
