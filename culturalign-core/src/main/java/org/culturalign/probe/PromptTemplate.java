package org.culturalign.probe;

import java.util.Locale;
import org.culturalign.InvalidInputException;

/**
 * How a probe is laid out for the model (see docs/probes.md for the exact layouts). Chat templates change results
 * (field notes: users want the choice recorded), so the template is part of every {@link ProbeSpec}.
 */
public enum PromptTemplate {
    /** One text: persona line, demonstrations, the question, ending at the answer stem ("Answer:"). */
    COMPLETION,
    /** Chat: optional persona system message; one user turn with all demonstrations and the question. */
    CHAT_ONE_TURN,
    /** Chat: optional persona system message; each demonstration as a user turn and an assistant answer turn. */
    CHAT_MULTI_TURN;

    /** The command-line name, e.g. "chat-one-turn". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the prompt is a {@link org.culturalign.model.ChatPrompt}. */
    public boolean isChat() {
        return this != COMPLETION;
    }

    /**
     * Parses a command-line name (case-insensitive, '-' or '_').
     *
     * @throws InvalidInputException naming the valid templates
     */
    public static PromptTemplate parse(String name) {
        for (PromptTemplate t : values()) {
            if (t.cliName().equalsIgnoreCase(name.strip().replace('_', '-'))) {
                return t;
            }
        }
        throw new InvalidInputException("unknown prompt template '" + name
                + "'; expected one of completion, chat-one-turn, chat-multi-turn");
    }
}
