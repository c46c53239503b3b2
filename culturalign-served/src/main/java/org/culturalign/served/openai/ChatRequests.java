package org.culturalign.served.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.Prompt;
import org.culturalign.model.TextPrompt;
import org.culturalign.served.openai.OpenAiSettings.ChatPrefill;

/**
 * Puts a prompt into a chat request's {@code messages}. A chat prompt's assistant prefix ("Answer:") is continued only
 * where the server supports it (chat_prefill model arg): vLLM with {@code continue_final_message: true,
 * add_generation_prompt: false}, newer llama-server by a final assistant message. Otherwise, and for text prompts, the
 * last user turn gets an instruction to answer with the label only. Which way was used is returned for the record.
 */
final class ChatRequests {
    private ChatRequests() {
    }

    /**
     * Adds {@code messages} (and vLLM's prefill flags) to {@code body}.
     *
     * @param instruction appended to the last user turn when not prefilling; null for none (plain generation)
     * @return "chat-prefilled(continue_final_message)", "chat-prefilled(assistant_message)" or "chat-instructed"
     */
    static String addMessages(ObjectNode body, Prompt prompt, ChatPrefill prefill, String instruction) {
        ArrayNode messages = body.putArray("messages");
        List<ChatMessage> turns = prompt instanceof ChatPrompt chat ? chat.messages()
                : List.of(new ChatMessage(ChatMessage.Role.USER, ((TextPrompt) prompt).text()));
        String prefix = prompt instanceof ChatPrompt chat ? chat.assistantPrefix() : "";
        boolean prefilling = prefill != ChatPrefill.NONE && !prefix.isEmpty();
        int lastUser = -1;
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).role() == ChatMessage.Role.USER) {
                lastUser = i;
            }
        }
        for (int i = 0; i < turns.size(); i++) {
            ChatMessage m = turns.get(i);
            String content = m.content();
            if (!prefilling && instruction != null && i == lastUser) {
                content = content + "\n\n" + instruction;
            }
            messages.addObject().put("role", m.role().wireName()).put("content", content);
        }
        if (prefilling) {
            messages.addObject().put("role", "assistant").put("content", prefix);
            if (prefill == ChatPrefill.CONTINUE_FINAL_MESSAGE) {
                body.put("continue_final_message", true).put("add_generation_prompt", false);
            }
            return "chat-prefilled(" + OpenAiSettings.argName(prefill) + ")";
        }
        if (instruction != null && lastUser < 0) {
            messages.addObject().put("role", "user").put("content", instruction);
        }
        return "chat-instructed";
    }
}
