package org.culturalign.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAndCacheTest {
    @TempDir
    Path dir;

    @Test
    void aProbeCommittedTwiceIsStoredOnceAndSamplesComeBackInGridOrder() {
        try (RunStore store = RunStore.open(dir)) {
            store.commit(List.of(new RunStore.ProbeRow("c1", "Q2", 1, 2, "{\"q\":\"c1Q2\"}", "{}"),
                    new RunStore.ProbeRow("c0", "Q9", 0, 9, "{\"q\":\"c0Q9\"}", "{}")), List.of());
            store.commit(List.of(new RunStore.ProbeRow("c1", "Q2", 1, 2, "{\"q\":\"again\"}", "{}")),
                    List.of(new RunStore.SkipRow("c1", "Q3", 1, 3, "no human data")));
            List<String> lines = new ArrayList<>();
            store.forEachSample(lines::add);
            assertThat(lines).containsExactly("{\"q\":\"c0Q9\"}", "{\"q\":\"c1Q2\"}");
            assertThat(store.doneKeys()).containsExactlyInAnyOrder("c1#Q2", "c0#Q9", "c1#Q3");
            assertThat(store.skipCounts()).isEqualTo(Map.of("c1", Map.of("no human data", 1)));
        }
    }

    @Test
    void batchRepliesOfAFileThatFailsHalfwayAreAllRolledBack() {
        try (RunStore store = RunStore.open(dir)) {
            java.util.Iterator<RunStore.BatchReply> lines = List.of(
                    new RunStore.BatchReply("a", true, "{}", null),
                    new RunStore.BatchReply("b", false, null, "HTTP 400: bad")).iterator();
            java.util.Iterator<RunStore.BatchReply> failing = new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public RunStore.BatchReply next() {
                    if (lines.hasNext()) {
                        return lines.next();
                    }
                    throw new org.culturalign.InvalidInputException("out.jsonl:3: not JSON");
                }
            };
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.putBatchReplies(failing))
                    .hasMessage("out.jsonl:3: not JSON");
            assertThat(store.batchReply("a")).isEmpty();
            assertThat(store.putBatchReplies(List.of(new RunStore.BatchReply("b", false, null, "HTTP 400: bad"))
                    .iterator())).isEqualTo(1);
            assertThat(store.batchReply("b")).contains(new RunStore.BatchReply("b", false, null, "HTTP 400: bad"));
        }
    }

    @Test
    void aFailedProbeIsNotDoneAndItsFailureGoesWhenItIsScored() {
        try (RunStore store = RunStore.open(dir)) {
            store.recordFailures(List.of(new RunStore.FailureRow("c0", "Q1", 0, 1, "batch reply x: HTTP 400: bad")));
            assertThat(store.doneKeys()).isEmpty();
            assertThat(store.failures()).containsExactly(new RunStore.FailureRow("c0", "Q1", 0, 1,
                    "batch reply x: HTTP 400: bad"));
            store.commit(List.of(new RunStore.ProbeRow("c0", "Q1", 0, 1, "{}", "{}")), List.of());
            assertThat(store.failures()).isEmpty();
            assertThat(store.doneKeys()).containsExactly("c0#Q1");
        }
    }

    @Test
    void theRecordedConfigHashIsReadBackWithoutChangingTheRun() {
        try (RunStore store = RunStore.open(dir)) {
            store.recordRun(new RunStore.RunRecord("sha256:aa", "{}", "{}", "2026-01-01T00:00:00Z"));
            store.recordRun(new RunStore.RunRecord("sha256:bb", "{}", "{}", "2026-01-02T00:00:00Z"));
        }
        assertThat(RunStore.recordedConfigHash(dir)).contains("sha256:aa");
        assertThat(RunStore.recordedConfigHash(dir.resolve("elsewhere"))).isEmpty();
    }

    @Test
    void theCacheKeyDependsOnModelDigestPromptContinuationsAndMode() {
        ModelIdentity m = new ModelIdentity("llamacpp", "m", "sha256:11", Map.of());
        ModelIdentity m2 = new ModelIdentity("llamacpp", "m", "sha256:22", Map.of());
        ScoringRequest r = new ScoringRequest(new TextPrompt("Answer:"), List.of(" A", " B"));
        String k = ResponseCache.key(m, r, "loglikelihood");
        assertThat(k).hasSize(64).isEqualTo(ResponseCache.key(m, r, "loglikelihood"));
        assertThat(ResponseCache.key(m2, r, "loglikelihood")).isNotEqualTo(k);
        assertThat(ResponseCache.key(m, new ScoringRequest(new TextPrompt("Answer: "), List.of("A", " B")),
                "loglikelihood")).isNotEqualTo(k);
        assertThat(ResponseCache.key(m, r, "next-token")).isNotEqualTo(k);
    }

    @Test
    void aChatPromptsKeyDependsOnTheChatTemplateTheModelRendersItWith() {
        ModelIdentity gemma = new ModelIdentity("llamacpp", "m", "sha256:11", Map.of("chat_template", "builtin:gemma"));
        ModelIdentity chatml = new ModelIdentity("llamacpp", "m", "sha256:11",
                Map.of("chat_template", "builtin:chatml"));
        ModelIdentity none = new ModelIdentity("llamacpp", "m", "sha256:11", Map.of("chat_template", "none"));
        ScoringRequest chat = new ScoringRequest(new org.culturalign.model.ChatPrompt(List.of(
                new org.culturalign.model.ChatMessage(org.culturalign.model.ChatMessage.Role.USER, "Q?")), "Answer:"),
                List.of(" A", " B"));
        assertThat(ResponseCache.key(gemma, chat, "loglikelihood"))
                .isNotEqualTo(ResponseCache.key(chatml, chat, "loglikelihood"))
                .isNotEqualTo(ResponseCache.key(none, chat, "loglikelihood"));
        // text prompts are the model's input as they stand: the template does not touch them, nor their keys
        ScoringRequest text = new ScoringRequest(new TextPrompt("Answer:"), List.of(" A", " B"));
        assertThat(ResponseCache.key(gemma, text, "loglikelihood"))
                .isEqualTo(ResponseCache.key(chatml, text, "loglikelihood"))
                .isEqualTo(ResponseCache.key(new ModelIdentity("llamacpp", "m", "sha256:11", Map.of()), text,
                        "loglikelihood"));
    }

    @Test
    void aCachedResponseIsServedWithoutCallingTheBackendAgainAcrossCacheInstances() throws Exception {
        CountingModel backend = new CountingModel();
        ScoringRequest a = new ScoringRequest(new TextPrompt("Q1 Answer:"), List.of(" A", " B"));
        ScoringRequest b = new ScoringRequest(new TextPrompt("Q2 Answer:"), List.of(" A", " B", " C"));
        Path file = dir.resolve("cache/cache.db");
        try (ResponseCache cache = ResponseCache.open(file)) {
            CachingLanguageModel model = new CachingLanguageModel(backend, cache);
            List<ScoringResult> first = model.loglikelihood(List.of(a));
            assertThat(first.get(0).scores()).extracting(ContinuationScore::logprob)
                    .containsExactly(CountingModel.logprob("Q1 Answer:", " A"), CountingModel.logprob("Q1 Answer:", " B"));
        }
        try (ResponseCache cache = ResponseCache.open(file)) {
            CachingLanguageModel model = new CachingLanguageModel(backend, cache);
            List<CachingLanguageModel.Scored> scored = model.score(List.of(a, b));
            assertThat(scored).extracting(CachingLanguageModel.Scored::cached).containsExactly(true, false);
            assertThat(scored.get(0).result().scores().get(1).logprob())
                    .isEqualTo(CountingModel.logprob("Q1 Answer:", " B"));
            assertThat(scored.get(0).result().mode()).isEqualTo("test");
            assertThat(model.requestsSent()).isEqualTo(1);
            assertThat(model.cacheHits()).isEqualTo(1);
        }
        assertThat(backend.requests.get()).isEqualTo(2);
    }

    @Test
    void eightThreadsAndTwoCacheConnectionsShareOneCacheFileWithoutLockErrors() throws Exception {
        Path file = dir.resolve("shared.db");
        CountingModel backend = new CountingModel();
        try (ResponseCache c1 = ResponseCache.open(file); ResponseCache c2 = ResponseCache.open(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                CachingLanguageModel model = new CachingLanguageModel(backend, t % 2 == 0 ? c1 : c2);
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        model.loglikelihood(List.of(new ScoringRequest(new TextPrompt("p" + i), List.of(" A", " B"))));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            CachingLanguageModel after = new CachingLanguageModel(backend, c1);
            for (int i = 0; i < 50; i++) {
                after.loglikelihood(List.of(new ScoringRequest(new TextPrompt("p" + i), List.of(" A", " B"))));
            }
            assertThat(after.requestsSent()).isZero();
        }
    }
}
