package org.culturalign.server;

import java.util.Locale;
import org.culturalign.InvalidInputException;

/** How the chosen demonstrations are added to a chat request (recorded in the response headers and the audit log). */
public enum RenderMode {
    /**
     * One system message holding the demonstrations as in the completion layout ({@code Question: ...},
     * lettered options, {@code Answer: B}), joined by blank lines. When the request already starts with a system
     * message of text content, the demonstrations are put before its text (blank line between), so the request
     * keeps a single system message (many chat templates allow only one, at the start).
     */
    SYSTEM,
    /**
     * Each demonstration as a user turn (question block, blank line, the language's "answer with the letter only"
     * instruction) and an assistant turn ({@code Answer: B}), inserted after the request's leading system messages,
     * as {@code culturalign prompt --chat-multi-turn} shows them.
     */
    FEW_SHOT;

    /** The config and header name: {@code system} or {@code few-shot}. */
    public String configName() {
        return this == SYSTEM ? "system" : "few-shot";
    }

    /**
     * Parses {@code system} or {@code few-shot} (also {@code few_shot}, {@code fewshot}), case-insensitively.
     *
     * @throws InvalidInputException naming the valid modes
     */
    public static RenderMode parse(String s) {
        String n = s == null ? "" : s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "system" -> SYSTEM;
            case "few-shot", "fewshot" -> FEW_SHOT;
            default -> throw new InvalidInputException("render '" + s + "' is not one of system, few-shot");
        };
    }
}
