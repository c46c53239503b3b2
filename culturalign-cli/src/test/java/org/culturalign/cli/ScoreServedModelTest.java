package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.culturalign.served.Loopback.Reply;
import org.culturalign.served.Loopback;
import org.culturalign.served.VllmEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code culturalign score --model openai:...} against a vLLM emulator on loopback. */
class ScoreServedModelTest {
    private Loopback server;

    @BeforeEach
    void start() throws Exception {
        server = new Loopback();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void scoresContinuationsOnAnOpenAiCompatibleServerWithEcho() throws Exception {
        VllmEmulator.serve(server, "m");
        String context = "Question: Is family important?\nAnswer:";

        CliRun r = CliRun.of("score", "--model", "openai:" + server.url() + "/v1#m", "--context",
                "Question: Is family important?\\nAnswer:", "--continuation", " Yes", "--continuation", " Not at all");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        double yes = VllmEmulator.logprob(context, " Yes");
        double notAtAll = VllmEmulator.logprob(context, " Not") + VllmEmulator.logprob(context + " Not", " at")
                + VllmEmulator.logprob(context + " Not at", " all");
        assertThat(json.get("mode").asText()).isEqualTo("echo-logprobs");
        assertThat(json.get("continuations").get(0).get("logprob").asDouble()).isCloseTo(yes, within(1e-12));
        assertThat(json.get("continuations").get(1).get("logprob").asDouble()).isCloseTo(notAtAll, within(1e-12));
        assertThat(json.get("continuations").get(1).get("tokens").asInt()).isEqualTo(3);
        assertThat(json.get("model").get("backend").asText()).isEqualTo("openai");
        assertThat(json.get("model").get("digest").asText()).isEqualTo(server.url() + "/v1#m");
        assertThat(json.get("model").get("details").get("owned_by").asText()).isEqualTo("vllm");
    }

    @Test
    void aServerWithoutLogprobsExitsOneWithTheReason() {
        server.always("POST", "/v1/completions", req -> Reply.json(200,
                "{\"choices\":[{\"index\":0,\"text\":\"Answer: A\"}]}"));

        CliRun r = CliRun.of("score", "--model", "openai:" + server.url() + "/v1#m", "--context", "Answer:",
                "--continuation", " A");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("the server returned no logprobs, so no option can be scored");
        assertThat(r.err()).startsWith("culturalign: openai").doesNotContain("Exception").doesNotContain("failed:");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsOneLineWithoutAJavaClassNameAndExitsOne() {
        String url = server.url();
        server.close();
        CliRun r = CliRun.of("score", "--model", "openai:" + url + "/v1#m", "--context", "Answer:",
                "--continuation", " A", "--model_args", "max_retries=0,timeout_s=5");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("culturalign: ").doesNotContain("Exception").doesNotContain("org.culturalign");
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void anUnknownModelArgExitsTwo() {
        CliRun r = CliRun.of("score", "--model", "openai:" + server.url() + "/v1#m", "--context", "Answer:",
                "--continuation", " A", "--model-args", "n_ctx=4096");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model-args: unknown key 'n_ctx' for openai models");
    }
}
