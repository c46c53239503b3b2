package org.culturalign.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.llamacpp.gguf.TinyModelConfig;
import org.culturalign.llamacpp.gguf.TinyModelGenerator;
import org.culturalign.llamacpp.gguf.TinyVocabulary;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.Test;

/** The tiny-model generator's determinism and vocabulary, and the llamacpp: / demo providers. */
class GeneratorAndProviderTest {

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Path a = TestModels.write("seed1a.gguf", p -> TinyModelGenerator.random(p, 1, TinyModelConfig.small("x")));
        Path b = TestModels.write("seed1b.gguf", p -> TinyModelGenerator.random(p, 1, TinyModelConfig.small("x")));
        Path c = TestModels.write("seed2.gguf", p -> TinyModelGenerator.random(p, 2, TinyModelConfig.small("x")));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void theVocabularyHasAllByteTokensAndEveryPrefixOfItsPieces() {
        TinyVocabulary v = TinyVocabulary.standard();
        assertThat(v.pieces().subList(3, 259)).startsWith("<0x00>", "<0x01>").endsWith("<0xFF>").hasSize(256);
        for (String piece : v.pieces().subList(259, v.size())) {
            for (int end = 1; end < piece.length(); end++) {
                assertThat(v.pieces()).as("prefix of %s", piece).contains(piece.substring(0, end));
            }
        }
        for (String label : List.of(" A", " J", " 1", " 10", " Yes", " No")) {
            assertThat(v.id(label)).isGreaterThan(258);
        }
    }

    @Test
    void labelsAndNumbersAreSingleTokensAndAnyScriptTokenisesThroughBytes() {
        try (LlamaCppModel m = LlamaCppModel.open(TestModels.random(), TestModels.oneThread())) {
            TinyVocabulary v = TinyVocabulary.standard();
            int[] t = m.tokenize("Answer: J 10");
            assertThat(t).containsExactly(TinyVocabulary.BOS, v.id(" Answer"), v.id(":"), v.id(" J"), v.id(" 10"));
            // "е" (Cyrillic) is two UTF-8 bytes: D0 B5
            assertThat(m.tokenize("е")).containsExactly(TinyVocabulary.BOS, v.id(" "), 3 + 0xD0, 3 + 0xB5);
        }
    }

    @Test
    void theDemoModelIsWrittenOnceToTheCacheAndSaysItIsADemo() throws Exception {
        Path cacheRoot = TestModels.DIR.resolve("cache"); // TestModels sets culturalign.cache to it
        String digest;
        try (LanguageModel demo = ModelProviders.open("demo", Map.of())) {
            assertThat(demo.identity().name()).isEqualTo("culturalign-demo");
            assertThat(demo.identity().details().get("demo")).contains("meaningless");
            assertThat(demo.identity().details()).containsEntry("n_ctx", "8192");
            digest = demo.identity().digest();
            assertThat(digest).startsWith("sha256:").hasSize(7 + 64);
        }
        Path file = DemoModel.file();
        assertThat(file.getParent()).isEqualTo(DemoModel.cacheDirectory());
        // as the README says: <cache root>/models/demo-<seed>.gguf, the cache root being $CULTURALIGN_CACHE
        assertThat(file).isEqualTo(cacheRoot.resolve("models").resolve("demo-20240816.gguf"));
        long modified = Files.getLastModifiedTime(file).toMillis();
        try (LanguageModel again = ModelProviders.open("demo", Map.of("n_ctx", "1024"))) {
            assertThat(again.identity().digest()).isEqualTo(digest);
            assertThat(again.identity().details()).containsEntry("n_ctx", "1024");
        }
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    }

    @Test
    void theLlamacppProviderOpensAFileWithModelArgsAndRefusesUnknownKeys() {
        String spec = "llamacpp:" + TestModels.random();
        try (LanguageModel m = ModelProviders.open(spec, Map.of("n_threads", "1", "n_ctx", "512"))) {
            assertThat(m.identity().backend()).isEqualTo("llamacpp");
            assertThat(m.identity().name()).isEqualTo("random-7");
            assertThat(m.identity().details()).containsEntry("architecture", "llama")
                    .containsEntry("quantisation", "F32").containsEntry("llama_cpp_build", "b4916")
                    .containsEntry("vocab_size", Integer.toString(TinyVocabulary.standard().size()));
        }
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("n_thread", "1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--model-args: unknown key 'n_thread' for llamacpp; expected one of n_threads, n_ctx, "
                        + "n_batch, verbose, chat_template, llama_lib, batching");
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("batching", "split")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--model-args: batching=split is not one of shared, whole, after-bos");
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("llama_lib", " ")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--model-args: llama_lib= is empty");
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("llama_lib", "/nonexistent/lib")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("/nonexistent/lib: no libllama.so there");
        assertThat(LlamaCppOptions.parse(Map.of("batching", "after-bos"), LlamaCppOptions.defaults()).batching())
                .isEqualTo(LlamaCppOptions.Batching.AFTER_BOS);
        assertThat(LlamaCppOptions.parse(Map.of(), LlamaCppOptions.defaults()).batching())
                .isEqualTo(LlamaCppOptions.Batching.SHARED);
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("chat_template", "{{ messages }}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--model-args: chat_template={{ messages }} is not a template name");
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("chat_template", "nope")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--model-args: chat_template=nope is not a chat template llama.cpp b4916 "
                        + "knows");
        try (LanguageModel m = ModelProviders.open(spec, Map.of("chat_template", "gemma"))) {
            assertThat(m.identity().details()).containsEntry("chat_template", "builtin:gemma");
            assertThat(((LlamaCppModel) m).render(new org.culturalign.model.ChatPrompt(List.of(
                    new org.culturalign.model.ChatMessage(org.culturalign.model.ChatMessage.Role.USER, "Hi")), "A:")))
                    .isEqualTo("<start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nA:");
        }
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("verbose", "yes")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--model-args: verbose=yes is not 0, 1, true or false");
        assertThat(LlamaCppOptions.parse(Map.of("verbose", "1"), LlamaCppOptions.defaults()).verbose()).isTrue();
        assertThat(LlamaCppOptions.parse(Map.of(), LlamaCppOptions.defaults()).verbose()).isFalse();
        assertThatThrownBy(() -> ModelProviders.open(spec, Map.of("n_ctx", "-4")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("n_ctx=-4 is not a positive integer");
    }

    @Test
    void aGemma3FileOnTheBundledBuildIsWarnedAboutAndNotOnACurrentLibrary() {
        assertThat(LlamaCppProvider.engineWarning(Map.of("architecture", "gemma3", "llama_cpp_build", "b4916")))
                .startsWith("the bundled llama.cpp b4916 scores gemma3 models up to 1 nat off a current llama.cpp; "
                        + "for exact scores pass --model-args llama_lib=DIR");
        assertThat(LlamaCppProvider.engineWarning(Map.of("architecture", "gemma3",
                "llama_cpp_build", "llama.h 2026-10 (0c1e570), libllama sha256 35b00ebd9148f69a"))).isNull();
        assertThat(LlamaCppProvider.engineWarning(Map.of("architecture", "llama", "llama_cpp_build", "b4916")))
                .isNull();
    }

    @Test
    void everyBatchingGivesTheDesignedScoresAndDecodesWhatItSays() {
        // F32 weights: no quantised kernels, so the split does not move the designed logits beyond float rounding
        TextPrompt ctx = new TextPrompt("Answer:");
        List<String> options = List.of(" A", " B", " C D");
        double[][] scores = new double[3][];
        long[] decoded = new long[3];
        LlamaCppOptions.Batching[] modes = LlamaCppOptions.Batching.values();
        for (int b = 0; b < modes.length; b++) {
            try (LlamaCppModel m = LlamaCppModel.open(TestModels.designed(),
                    TestModels.oneThread().withBatching(modes[b]))) {
                assertThat(m.identity().details().get("batching"))
                        .isEqualTo(modes[b].name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                List<org.culturalign.model.ContinuationScore> s = m.loglikelihood(List.of(
                        new ScoringRequest(ctx, options))).get(0).scores();
                scores[b] = s.stream().mapToDouble(org.culturalign.model.ContinuationScore::logprob).toArray();
                decoded[b] = m.tokensDecoded();
            }
        }
        for (int b = 1; b < modes.length; b++) {
            assertThat(scores[b]).containsExactly(scores[0], within(1e-5));
        }
        // shared: the context once, then each option's tokens but its last; whole and after-bos: every option's
        // context+option from an empty cache, its last token too
        long shared;
        long whole = 0;
        try (LlamaCppModel m = LlamaCppModel.open(TestModels.designed(), TestModels.oneThread())) {
            int context = m.tokenize("Answer:").length;
            shared = context;
            for (String o : options) {
                int len = m.tokenize("Answer:" + o).length;
                shared += Math.max(0, len - 1 - context);
                whole += len;
            }
            assertThat(m.tokenize("Answer: C D").length - context).as("a two-token option").isEqualTo(2);
        }
        assertThat(decoded[0]).isEqualTo(shared);
        assertThat(decoded[1]).isEqualTo(whole);
        assertThat(decoded[2]).isEqualTo(whole);
    }

    @Test
    void aPromptLongerThanTheContextWindowIsRefusedClearly() {
        try (LlamaCppModel m = LlamaCppModel.open(TestModels.random(), new LlamaCppOptions(1, 64, 64))) {
            String tooLong = "Answer: A ".repeat(40);
            assertThatThrownBy(() -> m.loglikelihood(List.of(new ScoringRequest(new TextPrompt(tooLong),
                    List.of(" B"))))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("more than the context window n_ctx=64");
        }
    }

    @Test
    void aThousandRequestsRunInOneJvmWithoutGrowingMemory() throws Exception {
        try (LlamaCppModel m = LlamaCppModel.open(TestModels.random(), TestModels.oneThread())) {
            List<ScoringRequest> one = List.of(new ScoringRequest(
                    new TextPrompt("Question: how important is family?\nAnswer:"), List.of(" 1", " 2", " 3", " 4")));
            var first = m.loglikelihood(one);
            long before = Rss.kilobytes();
            for (int i = 0; i < 1000; i++) {
                assertThat(m.loglikelihood(one)).isEqualTo(first);
            }
            long after = Rss.kilobytes();
            System.out.printf("1000 requests: VmRSS %d kB -> %d kB%n", before, after);
            assertThat(after - before).as("resident memory growth in kB").isLessThan(64 * 1024);
        }
    }
}
