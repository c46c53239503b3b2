package org.culturalign.model;

/**
 * One chat message.
 *
 * @param role    system, user or assistant
 * @param content the message text
 */
public record ChatMessage(Role role, String content) {
    /** Chat roles as the OpenAI API and chat templates name them. */
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        /** The lower-case wire name ("system", "user", "assistant"). */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @throws IllegalArgumentException for a null role or content */
    public ChatMessage {
        if (role == null || content == null) {
            throw new IllegalArgumentException("chat message needs a role and content");
        }
    }
}
