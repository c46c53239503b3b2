package org.culturalign.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.culturalign.model.Capability;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.culturalign.model.UnsupportedCapabilityException;
import org.junit.jupiter.api.Test;

/** Chat prompts rendered with the GGUF's own template, or refused when the file has none. */
class ChatTemplateTest {
    private static final ChatPrompt CHAT = new ChatPrompt(List.of(
            new ChatMessage(ChatMessage.Role.SYSTEM, "You answer surveys."),
            new ChatMessage(ChatMessage.Role.USER, "Pick A or B.")), "Answer:");

    @Test
    void aChatPromptIsRenderedWithTheFilesChatmlTemplateAndTheAssistantPrefix() {
        try (LlamaCppModel m = LlamaCppModel.open(TestModels.random(), TestModels.oneThread())) {
            String rendered = m.render(CHAT);
            assertThat(rendered).isEqualTo("<|im_start|>system\nYou answer surveys.<|im_end|>\n"
                    + "<|im_start|>user\nPick A or B.<|im_end|>\n<|im_start|>assistant\nAnswer:");
            // the tiny vocabulary has no <|im_start|> token, so the chat scores equal the rendered text's
            var chat = m.loglikelihood(List.of(new ScoringRequest(CHAT, List.of(" A", " B"))));
            var text = m.loglikelihood(List.of(new ScoringRequest(new TextPrompt(rendered), List.of(" A", " B"))));
            assertThat(chat.get(0).scores()).isEqualTo(text.get(0).scores());
        }
    }

    @Test
    void aFileWithoutAChatTemplateRefusesChatPromptsSayingWhy() {
        try (LlamaCppModel m = LlamaCppModel.open(TestModels.randomWithoutTemplate(), TestModels.oneThread())) {
            assertThat(m.capabilities()).doesNotContain(Capability.CHAT_LOGLIKELIHOOD);
            assertThat(m.identity().details()).containsEntry("chat_template", "none");
            assertThatThrownBy(() -> m.loglikelihood(List.of(new ScoringRequest(CHAT, List.of(" A")))))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("does not support CHAT_LOGLIKELIHOOD")
                    .hasMessageContaining("LOGLIKELIHOOD")
                    .hasMessageContaining("random-no-template.gguf has no tokenizer.chat_template");
        }
    }
}
