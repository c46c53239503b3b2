package org.culturalign.served.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.culturalign.model.BatchFormat;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ModelException;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.Test;

/** Replies the fuzz properties ({@link ReplyParsersFuzzTest}) found mishandled, each kept with its exact input. */
class ReplyParsersRegressionTest {
    private static BatchFormat format(Map<String, String> args) {
        OpenAiSettings s = OpenAiSettings.parse("http://127.0.0.1:9/v1#m", args);
        return new OpenAiModel(s, new OpenAiClient(s, null, new RetryPolicy(Clock.systemUTC(), new Random(1)),
                d -> { })).batchFormat().orElseThrow();
    }

    private static final ScoringRequest CHAT = new ScoringRequest(new ChatPrompt(List.of(new ChatMessage(
            ChatMessage.Role.USER, "Trust?")), "Answer:"), List.of(" A", " B", " C"));

    @Test
    void aTopLogprobsEntryWithoutItsLogprobIsAModelExceptionNotANullPointer() {
        // fuzz case 38 of chatTopLogprobsParseOrFailAsModelExceptions: the key "logprob" garbled to "logpr]ob"
        String reply = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A\"},\"logprobs\":"
                + "{\"content\":[{\"token\":\"A\",\"logprob\":-0.3,\"top_logprobs\":[{\"token\":\"A\",\"logpr]ob\":-0.3},"
                + "{\"token\":\"B\",\"logprob\":-1.5},{\"token\":\" C\",\"logprob\":-2.5}]}]}}]}";
        assertThatThrownBy(() -> format(Map.of("endpoint", "chat")).read(CHAT, List.of(reply)))
                .isInstanceOf(ModelException.class)
                .hasMessage("openai: POST http://127.0.0.1:9/v1/chat/completions (model m, prompt \""
                        + CHAT.prompt().summary() + "\"): expected a numeric logprob, got none");
    }

    @Test
    void aTopLogprobsEntryWithoutItsTokenOrWithAPositiveLogprobIsAModelException() {
        String noToken = "{\"choices\":[{\"index\":0,\"logprobs\":{\"content\":[{\"token\":\"A\",\"logprob\":-0.3,"
                + "\"top_logprobs\":[{\"logprob\":-0.3}]}]}}]}";
        assertThatThrownBy(() -> format(Map.of("endpoint", "chat")).read(CHAT, List.of(noToken)))
                .isInstanceOf(ModelException.class).hasMessageEndingWith("a top_logprobs entry has no token: "
                        + "\"{\"logprob\":-0.3}\"");
        String positive = "{\"choices\":[{\"index\":0,\"logprobs\":{\"content\":[{\"token\":\"A\",\"logprob\":-0.3,"
                + "\"top_logprobs\":[{\"token\":\"A\",\"logprob\":0.5}]}]}}]}";
        assertThatThrownBy(() -> format(Map.of("endpoint", "chat")).read(CHAT, List.of(positive)))
                .isInstanceOf(ModelException.class).hasMessageEndingWith("logprob 0.5 is above 0 (not a probability)");
    }

    @Test
    void echoedOptionsThatAllHaveProbabilityZeroAreAModelExceptionNotAnInvalidDistribution() {
        // vLLM writes -inf as -9999: both continuations' tokens with probability 0
        ScoringRequest r = new ScoringRequest(new TextPrompt("Q?\nAnswer:"), List.of(" A", " B"));
        String choice = "{\"index\":%d,\"logprobs\":{\"tokens\":[\"Q\",\"?\",\"\\n\",\"Answer\",\":\",\"%s\"],"
                + "\"token_logprobs\":[null,-1.0,-1.0,-1.0,-1.0,-9999.0],\"text_offset\":[0,1,2,3,9,10]}}";
        String reply = "{\"choices\":[" + String.format(choice, 0, " A") + "," + String.format(choice, 1, " B") + "]}";
        assertThatThrownBy(() -> format(Map.of()).read(r, List.of(reply)))
                .isInstanceOf(ModelException.class)
                .hasMessage("openai: POST http://127.0.0.1:9/v1/completions (model m, prompt \"Q? Answer:\"): every "
                        + "option has log-probability -infinity (probability 0), so there is no answer distribution: "
                        + "[ A,  B]");
        assertThat(reply).contains("-9999");
    }
}
