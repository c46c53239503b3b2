package org.culturalign.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.ArrayList;
import java.util.List;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.ChrfSelector;
import org.culturalign.icl.Demonstrations;
import org.culturalign.icl.TextSelectionRequest;
import org.culturalign.probe.DemonstrationTexts;
import org.culturalign.server.FixedResponder;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;
import org.junit.jupiter.api.Test;

/** The decorator around a real LangChain4j OpenAiChatModel talking to a fixed responder on loopback. */
class CulturallyAlignedChatModelTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final SurveyData DATA = BundledSample.load();

    static List<String> ids(String text, String country, String lang, int k) {
        return new ChrfSelector().selectForText(new TextSelectionRequest(DATA, text, Country.of(country), lang, k,
                1234)).questionIds();
    }

    static List<DemonstrationTexts.Rendered> shots(List<String> ids, String country, String lang) {
        return DemonstrationTexts.render(DATA, Country.of(country), lang,
                Demonstrations.answers(DATA, Country.of(country), ids, AnswerMode.MAJORITY, 1234));
    }

    @Test
    void aRealOpenAiChatModelReceivesTheDemonstrationsAsASystemMessage() throws Exception {
        try (FixedResponder upstream = FixedResponder.start()) {
            ChatModel openAi = OpenAiChatModel.builder().baseUrl(upstream.baseUrl()).apiKey("sk-test")
                    .modelName("m").build();
            List<CulturallyAlignedChatModel.Steered> seen = new ArrayList<>();
            ChatModel aligned = CulturallyAlignedChatModel.builder().delegate(openAi).country("DEU").language("de")
                    .k(3).onSteered(seen::add).build();

            ChatResponse r = aligned.chat(SystemMessage.from("Sei kurz."),
                    UserMessage.from("Wie wichtig ist Ihnen die Arbeit?"));

            assertThat(r.aiMessage().text()).isEqualTo("Hallo!");
            List<String> ids = ids("Wie wichtig ist Ihnen die Arbeit?", "DEU", "de", 3);
            assertThat(seen).containsExactly(new CulturallyAlignedChatModel.Steered(Country.of("DEU"), "de", "chrf",
                    ids));
            List<String> parts = new ArrayList<>();
            shots(ids, "DEU", "de").forEach(s -> parts.add(s.completion()));
            JsonNode sent = JSON.readTree(upstream.last().body());
            assertThat(upstream.last().path()).isEqualTo("/v1/chat/completions");
            assertThat(sent.get("model").asText()).isEqualTo("m");
            assertThat(sent.get("messages")).hasSize(2);
            assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(sent.at("/messages/0/content").asText()).isEqualTo(String.join("\n\n", parts)
                    + "\n\nSei kurz.");
            assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Wie wichtig ist Ihnen die Arbeit?");
        }
    }

    @Test
    void fewShotTurnsGoBetweenTheSystemPromptAndTheConversation() throws Exception {
        try (FixedResponder upstream = FixedResponder.start()) {
            ChatModel openAi = OpenAiChatModel.builder().baseUrl(upstream.baseUrl()).apiKey("sk-test")
                    .modelName("m").build();
            ChatModel aligned = CulturallyAlignedChatModel.builder().delegate(openAi).country("NGA").k(2)
                    .render(CulturallyAlignedChatModel.Render.FEW_SHOT).build();

            assertThat(aligned.chat("Should women work?")).isEqualTo("Hallo!");
            List<DemonstrationTexts.Rendered> shots = shots(ids("Should women work?", "NGA", "en", 2), "NGA", "en");
            JsonNode m = JSON.readTree(upstream.last().body()).get("messages");
            assertThat(m).hasSize(5);
            assertThat(m.at("/0/role").asText()).isEqualTo("user");
            assertThat(m.at("/0/content").asText()).isEqualTo(shots.get(0).block() + "\n\n"
                    + DemonstrationTexts.wording("en").letterInstruction());
            assertThat(m.at("/1/role").asText()).isEqualTo("assistant");
            assertThat(m.at("/1/content").asText()).isEqualTo(shots.get(0).answer());
            assertThat(m.at("/3/content").asText()).isEqualTo(shots.get(1).answer());
            assertThat(m.at("/4/content").asText()).isEqualTo("Should women work?");
        }
    }
}
