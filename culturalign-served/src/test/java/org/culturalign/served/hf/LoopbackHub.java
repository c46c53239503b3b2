package org.culturalign.served.hf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face hub on 127.0.0.1 serving one LFS file from disk, streamed (files of any size), with the replies
 * {@code huggingface_hub} reads: {@code HEAD|GET /{owner}/{repo}/resolve/{revision}/{file}} answers 302 to
 * {@code /lfs/{sha256}} with {@code X-Repo-Commit}, {@code X-Linked-Etag} (the quoted sha256), {@code X-Linked-Size}
 * and the pointer file's git {@code ETag}; {@code GET /lfs/{sha256}} sends the content with {@code Content-Length},
 * {@code ETag} and {@code Accept-Ranges}, honouring {@code Range: bytes=N-} with 206. Anything else is 404. Records
 * every request as "METHOD path".
 */
final class LoopbackHub implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String resolvePath;
    private final String lfsPath;
    private final String commit;
    private final Path content;
    private final String sha256;
    private final long size;
    private final List<String> requests = new ArrayList<>();

    /**
     * @param repoId   OWNER/REPO
     * @param revision the branch served (e.g. main)
     * @param commit   the 40-hex commit it points to
     * @param file     the file's path in the repository
     * @param content  the file on disk
     * @param sha256   its SHA-256 (what the hub announces; not recomputed here)
     */
    LoopbackHub(String repoId, String revision, String commit, String file, Path content, String sha256)
            throws IOException {
        this.resolvePath = "/" + repoId + "/resolve/" + revision + "/" + file;
        this.lfsPath = "/lfs/" + sha256;
        this.commit = commit;
        this.content = content;
        this.sha256 = sha256;
        this.size = Files.size(content);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** http://127.0.0.1:PORT, the HF_ENDPOINT. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** "METHOD path" of every request so far. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            synchronized (this) {
                requests.add(method + " " + path);
            }
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                ex.sendResponseHeaders(405, -1);
            } else if (path.equals(resolvePath)) {
                ex.getResponseHeaders().add("Location", url() + lfsPath);
                ex.getResponseHeaders().add("X-Repo-Commit", commit);
                ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256 + "\"");
                ex.getResponseHeaders().add("X-Linked-Size", Long.toString(size));
                ex.getResponseHeaders().add("ETag", "\"0b7d1ef3a2c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8\"");
                ex.sendResponseHeaders(302, -1);
            } else if (path.equals(lfsPath)) {
                long from = 0;
                String range = ex.getRequestHeaders().getFirst("Range");
                if (range != null) {
                    Matcher m = RANGE.matcher(range.strip());
                    if (!m.matches() || Long.parseLong(m.group(1)) >= size) {
                        ex.getResponseHeaders().add("Content-Range", "bytes */" + size);
                        ex.sendResponseHeaders(416, -1);
                        return;
                    }
                    from = Long.parseLong(m.group(1));
                    ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
                }
                ex.getResponseHeaders().add("ETag", "\"" + sha256 + "\"");
                ex.getResponseHeaders().add("Accept-Ranges", "bytes");
                ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
                if (head) {
                    ex.getResponseHeaders().add("Content-Length", Long.toString(size - from));
                    ex.sendResponseHeaders(range == null ? 200 : 206, -1);
                    return;
                }
                ex.sendResponseHeaders(range == null ? 200 : 206, size - from);
                try (InputStream in = Files.newInputStream(content); OutputStream out = ex.getResponseBody()) {
                    in.skipNBytes(from);
                    in.transferTo(out);
                }
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        } catch (IOException clientGone) {
            // the client closed the connection: nothing to answer
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
