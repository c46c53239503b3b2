package org.culturalign.served.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.culturalign.InvalidInputException;
import org.culturalign.model.ModelException;
import org.culturalign.served.Loopback;
import org.culturalign.served.Loopback.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face downloads through HF_ENDPOINT pointing at a real HTTP server on loopback. */
class HubDownloaderTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final byte[] CONTENT = new byte[5000];
    private static final String SHA;

    static {
        new Random(42).nextBytes(CONTENT);
        try {
            SHA = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    Path home;
    private Loopback hub;
    private final ByteArrayOutputStream bar = new ByteArrayOutputStream();
    private final HfFileSpec spec = HfFileSpec.parse("acme/tiny-GGUF/tiny-q8_0.gguf");

    @BeforeEach
    void start() throws IOException {
        hub = new Loopback();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>(Map.of("HF_HOME", home.toString(), "HF_ENDPOINT", hub.url(),
                "HF_TOKEN", "hf_secret_token"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    private HubDownloader downloader(String... extra) {
        return new HubDownloader(env(extra), new PrintStream(bar, true, StandardCharsets.UTF_8));
    }

    /** The hub's reply to HEAD on resolve for an LFS file: a redirect to the content, with commit, hash and size. */
    private void serveHead(String etag) {
        hub.always("HEAD", "/acme/tiny-GGUF/resolve/main/tiny-q8_0.gguf", req -> new Reply(302, Map.of(
                "Location", "/lfs/blob", "X-Repo-Commit", COMMIT, "X-Linked-Etag", "\"" + etag + "\"",
                "X-Linked-Size", Integer.toString(CONTENT.length), "ETag", "W/\"91-abc\""), new byte[0], 0, -1));
    }

    private static Reply partial(Loopback.Received req) {
        String range = req.header("Range");
        if (range == null) {
            return new Reply(200, Map.of(), CONTENT, 0, -1);
        }
        int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        return new Reply(206, Map.of("Content-Range", "bytes " + from + "-" + (CONTENT.length - 1) + "/"
                + CONTENT.length), Arrays.copyOfRange(CONTENT, from, CONTENT.length), 0, -1);
    }

    private Path repo() {
        return home.resolve("hub/models--acme--tiny-GGUF");
    }

    @Test
    void aFreshDownloadLandsInTheStandardCacheLayout() throws IOException {
        serveHead(SHA);
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);

        Path file = downloader().fetch(spec);

        assertThat(file).isEqualTo(repo().resolve("snapshots/" + COMMIT + "/tiny-q8_0.gguf"));
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        assertThat(Files.isSymbolicLink(file)).isTrue();
        assertThat(Files.readSymbolicLink(file)).isEqualTo(Path.of("../../blobs/" + SHA));
        assertThat(Files.readString(repo().resolve("refs/main"))).isEqualTo(COMMIT);
        assertThat(repo().resolve("blobs/" + SHA + ".incomplete")).doesNotExist();
        assertThat(hub.received("/acme/tiny-GGUF/resolve/main/tiny-q8_0.gguf").get(0).header("Authorization"))
                .isEqualTo("Bearer hf_secret_token");
        assertThat(hub.received("/lfs/blob")).hasSize(1);
        assertThat(hub.received("/lfs/blob").get(0).header("Range")).isNull();
        assertThat(bar.toString(StandardCharsets.UTF_8)).contains("tiny-q8_0.gguf");
    }

    @Test
    void aDownloadCutMidBodyIsResumedWithARangeRequest() throws IOException {
        serveHead(SHA);
        hub.enqueue("GET", "/lfs/blob", new Reply(200, Map.of(), CONTENT, 0, -1).cutAfter(1000));
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);

        Path file = downloader().fetch(spec);

        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        List<Loopback.Received> gets = hub.received("/lfs/blob");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).header("Range")).isEqualTo("bytes=1000-");
    }

    @Test
    void aPartialFileLeftByAnEarlierRunIsResumed() throws IOException {
        serveHead(SHA);
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);
        Files.createDirectories(repo().resolve("blobs"));
        Files.write(repo().resolve("blobs/" + SHA + ".incomplete"), Arrays.copyOf(CONTENT, 3210));

        assertThat(Files.readAllBytes(downloader().fetch(spec))).isEqualTo(CONTENT);
        assertThat(hub.received("/lfs/blob").get(0).header("Range")).isEqualTo("bytes=3210-");
    }

    @Test
    void aChecksumMismatchIsRejectedAndNothingIsCached() {
        String wrong = "f".repeat(64);
        serveHead(wrong);
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);

        assertThatThrownBy(() -> downloader().fetch(spec)).isInstanceOf(ModelException.class)
                .matches(e -> !((ModelException) e).isRetriable())
                .hasMessage("hf: checksum mismatch for acme/tiny-GGUF/tiny-q8_0.gguf@main: the hub says sha256 " + wrong
                        + ", the download has " + SHA + "; the download was deleted");
        assertThat(repo().resolve("blobs/" + wrong)).doesNotExist();
        assertThat(repo().resolve("blobs/" + wrong + ".incomplete")).doesNotExist();
        assertThat(repo().resolve("snapshots")).doesNotExist();
    }

    @Test
    void theCachedFileIsReusedOfflineAndWhenTheHubIsUnreachable() {
        serveHead(SHA);
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);
        Path first = downloader().fetch(spec);
        assertThat(downloader().fetch(spec)).isEqualTo(first);
        assertThat(hub.received("/lfs/blob")).hasSize(1);
        hub.close();

        assertThat(downloader("HF_HUB_OFFLINE", "1").fetch(spec)).isEqualTo(first);
        assertThat(downloader().fetch(spec)).isEqualTo(first);
    }

    @Test
    void offlineWithoutACachedCopyNamesTheCache() {
        hub.close();
        assertThatThrownBy(() -> downloader("HF_HUB_OFFLINE", "true").fetch(spec))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("hf: acme/tiny-GGUF/tiny-q8_0.gguf@main is not in the cache " + repo()
                        + " and HF_HUB_OFFLINE is set: download it once online");
        assertThatThrownBy(() -> downloader().fetch(spec)).isInstanceOf(ModelException.class)
                .matches(e -> ((ModelException) e).isRetriable())
                .hasMessageStartingWith("hf: cannot reach " + hub.url() + " for acme/tiny-GGUF/tiny-q8_0.gguf@main");
    }

    @Test
    void anUnknownFileIsBadInputAndAGatedRepoAsksForAToken() {
        assertThatThrownBy(() -> downloader().fetch(spec)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--model: hf:acme/tiny-GGUF/tiny-q8_0.gguf@main does not exist at " + hub.url()
                        + " (HTTP 404: check the owner, repository, file name and revision)");
        hub.always("HEAD", "/acme/tiny-GGUF/resolve/main/tiny-q8_0.gguf", req -> Reply.json(401, ""));
        assertThatThrownBy(() -> new HubDownloader(Map.of("HF_HOME", home.toString(), "HF_ENDPOINT", hub.url()),
                null).fetch(spec)).isInstanceOf(ModelException.class)
                .hasMessage("hf: HTTP 401 for acme/tiny-GGUF/tiny-q8_0.gguf@main: the repository is gated or "
                        + "private; set HF_TOKEN to a token with access");
    }

    @Test
    void specsNameOwnerRepoFileAndRevision() {
        assertThat(HfFileSpec.parse("Qwen/Qwen2.5-0.5B-Instruct-GGUF/sub/q4.gguf@v1.0"))
                .isEqualTo(new HfFileSpec("Qwen", "Qwen2.5-0.5B-Instruct-GGUF", "sub/q4.gguf", "v1.0"));
        assertThat(HfFileSpec.parse("acme/tiny-GGUF/tiny.gguf@v2#sha256=" + SHA.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(new HfFileSpec("acme", "tiny-GGUF", "tiny.gguf", "v2", SHA));
        assertThat(HfFileSpec.parse("acme/tiny-GGUF/tiny.gguf#sha256=" + SHA).toString())
                .isEqualTo("acme/tiny-GGUF/tiny.gguf@main");
        assertThatThrownBy(() -> HfFileSpec.parse("acme/tiny-GGUF/tiny.gguf#md5=abc"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--model: expected #sha256=<64 hex digits> after hf:acme/tiny-GGUF/tiny.gguf, got '#md5=abc'");
        assertThatThrownBy(() -> HfFileSpec.parse("Qwen/q4.gguf")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--model: expected hf:OWNER/REPO/FILE.gguf[@REVISION]");
    }

    @Test
    void aPinnedHashTheHubContradictsIsRefusedBeforeAnyDownload() {
        serveHead(SHA);
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);
        String other = "e".repeat(64);

        assertThatThrownBy(() -> downloader().fetch(HfFileSpec.parse("acme/tiny-GGUF/tiny-q8_0.gguf#sha256=" + other)))
                .isInstanceOf(ModelException.class).matches(e -> !((ModelException) e).isRetriable())
                .hasMessage("hf: acme/tiny-GGUF/tiny-q8_0.gguf@main at " + hub.url() + " has sha256 " + SHA + " (its "
                        + "X-Linked-Etag), but sha256 " + other + " was asked for: the hub's file is another one; "
                        + "nothing was downloaded");
        assertThat(hub.received("/lfs/blob")).isEmpty();
        assertThat(repo().resolve("blobs")).doesNotExist();
    }

    @Test
    void aPinnedHashIsCheckedOnTheCachedCopyOffline() throws IOException {
        serveHead(SHA);
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);
        HfFileSpec pinned = HfFileSpec.parse("acme/tiny-GGUF/tiny-q8_0.gguf#sha256=" + SHA);
        Path file = downloader().fetch(pinned);
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
        hub.close();

        assertThat(downloader("HF_HUB_OFFLINE", "1").fetch(pinned)).isEqualTo(file);
        String other = "e".repeat(64);
        assertThatThrownBy(() -> downloader("HF_HUB_OFFLINE", "1").fetch(HfFileSpec.parse(
                "acme/tiny-GGUF/tiny-q8_0.gguf#sha256=" + other))).isInstanceOf(ModelException.class)
                .hasMessage("hf: the cached " + file + " has sha256 " + SHA + ", but sha256 " + other + " was asked "
                        + "for (acme/tiny-GGUF/tiny-q8_0.gguf@main)");
    }

    @Test
    void aPinnedHashChecksAFileTheHubGivesNoHashFor() {
        // a small (non-LFS) file: its ETag is a git hash, so only the pin can check the content
        hub.always("HEAD", "/acme/tiny-GGUF/resolve/main/tiny-q8_0.gguf", req -> new Reply(200, Map.of(
                "X-Repo-Commit", COMMIT, "ETag", "\"91-abc\"", "Content-Length", Integer.toString(CONTENT.length)),
                new byte[0], 0, -1));
        hub.always("GET", "/acme/tiny-GGUF/resolve/main/tiny-q8_0.gguf", HubDownloaderTest::partial);
        String other = "e".repeat(64);

        assertThatThrownBy(() -> downloader().fetch(HfFileSpec.parse("acme/tiny-GGUF/tiny-q8_0.gguf#sha256=" + other)))
                .isInstanceOf(ModelException.class)
                .hasMessage("hf: checksum mismatch for acme/tiny-GGUF/tiny-q8_0.gguf@main: the spec asks for sha256 "
                        + other + ", the download has " + SHA + "; the download was deleted");
        assertThat(repo().resolve("blobs/91-abc")).doesNotExist();
        assertThat(downloader().fetch(HfFileSpec.parse("acme/tiny-GGUF/tiny-q8_0.gguf#sha256=" + SHA)))
                .hasBinaryContent(CONTENT);
    }

    @Test
    void theHfProviderDownloadsAndThenNeedsTheLlamacppProvider() {
        serveHead(SHA);
        hub.always("GET", "/lfs/blob", HubDownloaderTest::partial);
        // no providers: as on a class path without culturalign-llamacpp (this module's tests have it)
        assertThatThrownBy(() -> new HfProvider(env(), List::of).open("acme/tiny-GGUF/tiny-q8_0.gguf", Map.of()))
                .isInstanceOf(ModelException.class)
                .hasMessage("hf: downloaded " + repo().resolve("snapshots/" + COMMIT + "/tiny-q8_0.gguf")
                        + " but no llamacpp provider is on the class path to open it (it comes with the "
                        + "culturalign-llamacpp module)");
        assertThat(downloader().toString()).doesNotContain("hf_secret_token");
    }
}
