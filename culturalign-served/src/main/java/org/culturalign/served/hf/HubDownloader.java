package org.culturalign.served.hf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.culturalign.InvalidInputException;
import org.culturalign.io.Sha256;
import org.culturalign.model.ModelException;

/**
 * Downloads one file of a Hugging Face repository into the hub cache ({@link HubCache}), the way
 * {@code huggingface_hub.hf_hub_download} does: HEAD {@code {HF_ENDPOINT}/{owner}/{repo}/resolve/{revision}/{file}}
 * (redirects not followed) gives the commit ({@code X-Repo-Commit}), the content hash ({@code X-Linked-Etag}, else
 * {@code ETag}: the sha256 for LFS files) and size ({@code X-Linked-Size}); the content is streamed to
 * {@code blobs/<etag>.incomplete}, resumed with a {@code Range} header after a cut, checked against the sha256 and moved
 * into place atomically. A file already cached is reused without download, and offline ({@code HF_HUB_OFFLINE=1}, or
 * the endpoint unreachable) the cached snapshot is used. A spec with {@code #sha256=HEX} ({@link HfFileSpec#sha256()})
 * is refused when the hub announces another hash (before any download), and a cached or downloaded file must have
 * that hash (a blob in {@code blobs/<sha256>} counts as checked: it was checked when it was stored).
 *
 * <p>Environment: {@code HF_ENDPOINT} (default https://huggingface.co), {@code HF_TOKEN} (sent as
 * {@code Authorization: Bearer} to the endpoint's host only, never logged), {@code HF_HUB_OFFLINE},
 * {@code HF_HUB_CACHE} / {@code HF_HOME}.
 */
public final class HubDownloader {
    /** Download attempts per file; each one after a cut resumes where the last stopped. */
    static final int ATTEMPTS = 4;
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

    private final HubCache cache;
    private final URI endpoint;
    private final String token;
    private final boolean offline;
    private final PrintStream progress;
    private final HttpClient noRedirects;
    private final HttpClient redirects;

    /**
     * @param env      the environment (HF_* variables; tests pass their own)
     * @param progress where the progress bar is drawn (standard error), or null for none
     */
    public HubDownloader(Map<String, String> env, PrintStream progress) {
        this.cache = HubCache.fromEnv(env);
        String ep = env.getOrDefault("HF_ENDPOINT", "https://huggingface.co").strip().replaceAll("/+$", "");
        this.endpoint = URI.create(ep.isEmpty() ? "https://huggingface.co" : ep);
        String t = env.get("HF_TOKEN");
        this.token = t == null || t.isBlank() ? null : t.strip();
        this.offline = TRUE.contains(env.getOrDefault("HF_HUB_OFFLINE", "").strip().toLowerCase(Locale.ROOT));
        this.progress = progress;
        this.noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).build();
        this.redirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** The cache this downloader writes. */
    public HubCache cache() {
        return cache;
    }

    /**
     * The local path of the file: cached, or downloaded now.
     *
     * @return {@code snapshots/<commit>/<file>} in the hub cache
     * @throws InvalidInputException when the hub has no such repository, revision or file (404), or the file is not
     *                               cached and {@code HF_HUB_OFFLINE} is set
     * @throws ModelException        for a refused token (not retriable), a checksum mismatch (not retriable), or an
     *                               unreachable hub with nothing cached / a cut download (retriable; the next run
     *                               resumes)
     */
    public Path fetch(HfFileSpec spec) {
        if (offline) {
            // the user's own setting forbids the download: an input error (exit 2), not a backend failure
            return checked(spec, cache.cached(spec).orElseThrow(() -> new InvalidInputException("hf: " + spec + " is "
                    + "not in the cache " + cache.repoDir(spec) + " and HF_HUB_OFFLINE is set: download it once online")));
        }
        Resolved r;
        try {
            r = resolve(spec);
        } catch (IOException e) {
            Optional<Path> cached = cache.cached(spec);
            if (cached.isPresent()) {
                return checked(spec, cached.get());
            }
            throw new ModelException("hf: cannot reach " + endpoint + " for " + spec + " (" + e.getClass()
                    .getSimpleName() + ") and it is not in the cache " + cache.repoDir(spec), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("hf: interrupted", false, e);
        }
        if (spec.sha256() != null && r.sha256() && !r.etag.equals(spec.sha256())) {
            throw new ModelException("hf: " + spec + " at " + endpoint + " has sha256 " + r.etag + " (its X-Linked-Etag), "
                    + "but sha256 " + spec.sha256() + " was asked for: the hub's file is another one; nothing was "
                    + "downloaded", false);
        }
        try {
            Path blob = cache.blob(spec, r.etag);
            if (!Files.isRegularFile(blob)) {
                download(spec, r, blob);
            }
            return checked(spec, cache.record(spec, r.commit, blob));
        } catch (IOException e) {
            throw new ModelException("hf: cannot write the cache " + cache.repoDir(spec) + ": " + e.getMessage(),
                    false, e);
        }
    }

    /**
     * {@code file} when the spec pins no hash or the file has it: a symlink into {@code blobs/<sha256>} of that hash
     * is taken as checked, anything else is hashed.
     */
    private static Path checked(HfFileSpec spec, Path file) {
        if (spec.sha256() == null) {
            return file;
        }
        try {
            Path real = file.toRealPath();
            if (real.getFileName().toString().equals(spec.sha256()) && real.getParent() != null
                    && real.getParent().getFileName().toString().equals("blobs")) {
                return file;
            }
            String actual = Sha256.hexOf(file);
            if (!actual.equals(spec.sha256())) {
                throw new ModelException("hf: the cached " + file + " has sha256 " + actual + ", but sha256 "
                        + spec.sha256() + " was asked for (" + spec + ")", false);
            }
            return file;
        } catch (IOException e) {
            throw new ModelException("hf: cannot read the cached " + file + ": " + e.getMessage(), false, e);
        }
    }

    private record Resolved(String commit, String etag, long size, URI download) {
        boolean sha256() {
            return etag.matches("[0-9a-f]{64}");
        }
    }

    private URI resolveUrl(HfFileSpec spec) {
        StringBuilder path = new StringBuilder();
        for (String segment : spec.file().split("/")) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(endpoint + "/" + spec.owner() + "/" + spec.repo() + "/resolve/"
                + URLEncoder.encode(spec.revision(), StandardCharsets.UTF_8) + path);
    }

    private HttpRequest.Builder request(URI url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5))
                .header("Accept-Encoding", "identity").header("User-Agent", "culturalign");
        if (token != null && url.getHost() != null && url.getHost().equalsIgnoreCase(endpoint.getHost())
                && url.getPort() == endpoint.getPort()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Resolved resolve(HfFileSpec spec) throws IOException, InterruptedException {
        URI url = resolveUrl(spec);
        HttpResponse<Void> head = noRedirects.send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        int status = head.statusCode();
        if (status == 401 || status == 403) {
            throw new ModelException("hf: HTTP " + status + " for " + spec + ": the repository is gated or private; "
                    + (token == null ? "set HF_TOKEN to a token with access" : "the token in HF_TOKEN has no access"),
                    false);
        }
        if (status == 404) {
            throw new InvalidInputException("--model: hf:" + spec + " does not exist at " + endpoint + " (HTTP 404: "
                    + "check the owner, repository, file name and revision)");
        }
        if (status >= 500) {
            throw new IOException("HTTP " + status);
        }
        if (status != 200 && status / 100 != 3) {
            throw new ModelException("hf: unexpected HTTP " + status + " for HEAD " + url, false);
        }
        HttpHeaders h = head.headers();
        String commit = h.firstValue("x-repo-commit").orElse(spec.revisionIsCommit() ? spec.revision() : null);
        String etag = h.firstValue("x-linked-etag").or(() -> h.firstValue("etag")).map(HubDownloader::unquote)
                .orElse(null);
        if (commit == null || etag == null || etag.isEmpty()) {
            throw new ModelException("hf: the reply of " + endpoint + " for " + spec + " lacks X-Repo-Commit or an "
                    + "ETag: is HF_ENDPOINT a Hugging Face hub?", false);
        }
        long size = h.firstValue("x-linked-size").or(() -> h.firstValue("content-length")).map(Long::parseLong)
                .orElse(-1L);
        URI download = status / 100 == 3 ? h.firstValue("location").map(url::resolve).orElse(url) : url;
        return new Resolved(commit, etag, size, download);
    }

    private static String unquote(String etag) {
        return etag.strip().replaceFirst("^W/", "").replace("\"", "");
    }

    private void download(HfFileSpec spec, Resolved r, Path blob) throws IOException {
        Files.createDirectories(blob.getParent());
        Path part = blob.resolveSibling(blob.getFileName() + ".incomplete");
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                if (transfer(spec, r, part)) {
                    last = null;
                    break;
                }
            } catch (IOException cut) {
                last = cut;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("hf: interrupted; " + Files.size(part) + " bytes kept in " + part
                        + " for the next run to resume", false, e);
            }
        }
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (last != null) {
            throw new ModelException("hf: the download of " + spec + " was cut " + ATTEMPTS + " times (" + last
                    .getMessage() + "); " + have + " of " + r.size + " bytes are kept in " + part
                    + " and the next run resumes from there", true, last);
        }
        if (r.size >= 0 && have != r.size) {
            Files.deleteIfExists(part);
            throw new ModelException("hf: " + spec + " downloaded " + have + " bytes but the hub announced " + r.size
                    + "; the download was deleted", true);
        }
        String want = r.sha256() ? r.etag : spec.sha256();
        if (want != null) {
            String actual = Sha256.hexOf(part);
            if (!actual.equals(want)) {
                Files.deleteIfExists(part);
                throw new ModelException("hf: checksum mismatch for " + spec + ": " + (r.sha256() ? "the hub says"
                        : "the spec asks for") + " sha256 " + want + ", the download has " + actual
                        + "; the download was deleted", false);
            }
        }
        Files.move(part, blob, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One GET (resuming what {@code part} holds); true when the body was received completely. */
    private boolean transfer(HfFileSpec spec, Resolved r, Path part) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (r.size >= 0 && have == r.size) {
            return true;
        }
        HttpRequest.Builder b = request(r.download).GET();
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp = redirects.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = resp.statusCode();
        boolean append = status == 206;
        if (status == 416 && have > 0) {
            resp.body().close();
            return true;
        }
        if (status != 200 && status != 206) {
            resp.body().close();
            if (status >= 500) {
                throw new IOException("HTTP " + status);
            }
            throw new ModelException("hf: HTTP " + status + " downloading " + spec, false);
        }
        long start = append ? have : 0;
        try (InputStream in = resp.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
             ProgressBar bar = bar(spec, r.size, start)) {
            byte[] buf = new byte[1 << 16];
            long done = start;
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                if (bar != null) {
                    bar.stepTo(done);
                }
            }
        }
        return true;
    }

    private ProgressBar bar(HfFileSpec spec, long size, long start) {
        if (progress == null) {
            return null;
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(spec.file()).setInitialMax(size < 0 ? -1 : size)
                .setUnit("MiB", 1L << 20).setStyle(ProgressBarStyle.ASCII).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(progress)).build();
        bar.stepTo(start);
        return bar;
    }

    @Override
    public String toString() {
        return "HubDownloader[" + endpoint + ", cache " + cache.root() + ", token " + (token == null ? "none"
                : "set (redacted)") + (offline ? ", offline" : "") + "]";
    }
}
