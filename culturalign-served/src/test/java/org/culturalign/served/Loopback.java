package org.culturalign.served;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (port 0) that answers scripted replies per "METHOD path" and records every request
 * it received. Unscripted requests get 404. Replies can be delayed, or cut mid-body (headers promise the full length,
 * then the connection closes).
 */
public final class Loopback implements AutoCloseable {

    /** A request as received. */
    public record Received(String method, String path, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** A scripted reply. */
    public record Reply(int status, Map<String, String> headers, byte[] body, long delayMs, int cutAfter) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8), 0, -1);
        }

        public static Reply of(int status, String contentType, String body) {
            return new Reply(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), 0,
                    -1);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMs, cutAfter);
        }

        public Reply delayed(long ms) {
            return new Reply(status, headers, body, ms, cutAfter);
        }

        /** Sends only the first {@code bytes} of the body, then closes the connection. */
        public Reply cutAfter(int bytes) {
            return new Reply(status, headers, body, delayMs, bytes);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Function<Received, Reply>>> scripts = new HashMap<>();
    private final Map<String, Function<Received, Reply>> standing = new HashMap<>();
    private final List<Received> received = new ArrayList<>();

    public Loopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues replies for "METHOD path", used once each in order. */
    public synchronized Loopback enqueue(String method, String path, Reply... replies) {
        Deque<Function<Received, Reply>> q = scripts.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
        for (Reply r : replies) {
            q.add(req -> r);
        }
        return this;
    }

    /** Answers every "METHOD path" request (after the queued ones) with {@code f}. */
    public synchronized Loopback always(String method, String path, Function<Received, Reply> f) {
        standing.put(method + " " + path, f);
        return this;
    }

    /** Requests received for a path (any method), in arrival order. */
    public synchronized List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] in = ex.getRequestBody().readAllBytes();
        Received req = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestHeaders(),
                new String(in, StandardCharsets.UTF_8));
        Function<Received, Reply> f;
        synchronized (this) {
            received.add(req);
            String key = req.method() + " " + req.path();
            Deque<Function<Received, Reply>> q = scripts.get(key);
            f = q != null && !q.isEmpty() ? q.poll() : standing.get(key);
        }
        boolean cut = false;
        Reply reply = f == null ? Reply.json(404, "{\"error\":{\"message\":\"not found\"}}") : f.apply(req);
        try {
            if (reply.delayMs() > 0) {
                Thread.sleep(reply.delayMs());
            }
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            boolean head = req.method().equals("HEAD");
            ex.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length == 0 ? -1 : reply.body().length);
            if (!head && reply.body().length > 0) {
                OutputStream out = ex.getResponseBody();
                if (reply.cutAfter() >= 0) {
                    out.write(reply.body(), 0, reply.cutAfter());
                    out.flush();
                    cut = true;
                    // an exception out of the handler makes the JDK server close the connection mid-body
                    throw new java.io.UncheckedIOException(new IOException("cut by the test"));
                }
                out.write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed: nothing to answer
        } finally {
            if (!cut) {
                ex.close();
            }
        }
    }

    /** Stops the server (connections are refused afterwards). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
