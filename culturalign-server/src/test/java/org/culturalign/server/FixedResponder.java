package org.culturalign.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed upstream on 127.0.0.1 (the JDK's HTTP server): answers each path with a scripted reply (a fixed chat
 * completion by default), records every request, and can stream a reply in chunks, flushing each, optionally waiting
 * on a gate after the first. Also the bench's fast responder ({@link #main}).
 */
public final class FixedResponder implements AutoCloseable {
    /** The default chat completion body. */
    public static final String CHAT_REPLY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hallo!\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";

    /** A request as received. */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * A scripted reply.
     *
     * @param status  the status
     * @param headers response headers
     * @param chunks  the body in chunks; more than one chunk is sent chunked, each flushed
     * @param gap     wait between chunks, ms
     * @param gate    awaited after the first chunk (null: none)
     */
    public record Reply(int status, Map<String, String> headers, List<byte[]> chunks, long gap, CountDownLatch gate) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"),
                    List.of(body.getBytes(StandardCharsets.UTF_8)), 0, null);
        }

        public static Reply events(List<String> events, long gapMs, CountDownLatch gate) {
            List<byte[]> chunks = new ArrayList<>();
            events.forEach(e -> chunks.add(e.getBytes(StandardCharsets.UTF_8)));
            return new Reply(200, Map.of("Content-Type", "text/event-stream"), chunks, gapMs, gate);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, chunks, gap, gate);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final boolean record;
    /** Counted down when writing a reply failed (the caller or the proxy closed the connection). */
    public final CountDownLatch writeFailed = new CountDownLatch(1);

    private FixedResponder(int port, int threads, boolean record) throws IOException {
        this.record = record;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        replies.put("/v1/chat/completions", Reply.json(200, CHAT_REPLY));
        replies.put("/v1/completions", Reply.json(200, "{\"id\":\"cmpl-1\",\"object\":\"text_completion\","
                + "\"choices\":[{\"index\":0,\"text\":\" B\",\"finish_reason\":\"stop\"}]}"));
        replies.put("/v1/models", Reply.json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}"));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free port, recording requests. */
    public static FixedResponder start() throws IOException {
        return new FixedResponder(0, 16, true);
    }

    /** The API root, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Replies to {@code path} (e.g. {@code /v1/chat/completions}) with {@code reply} from now on. */
    public void script(String path, Reply reply) {
        replies.put(path, reply);
    }

    /** The requests received so far, in order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The last request received. */
    public Received last() {
        List<Received> r = received();
        return r.get(r.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (record) {
                received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                        Map.copyOf(ex.getRequestHeaders()), body));
            }
            Reply r = replies.get(ex.getRequestURI().getPath());
            if (r == null) {
                r = Reply.json(404, "{\"error\":{\"message\":\"no such path\",\"type\":\"not_found\"}}");
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            try {
                if (r.chunks().size() == 1) {
                    ex.sendResponseHeaders(r.status(), r.chunks().get(0).length);
                    ex.getResponseBody().write(r.chunks().get(0));
                    return;
                }
                ex.sendResponseHeaders(r.status(), 0);
                OutputStream out = ex.getResponseBody();
                for (int i = 0; i < r.chunks().size(); i++) {
                    out.write(r.chunks().get(i));
                    out.flush();
                    if (i == 0 && r.gate() != null) {
                        r.gate().await(10, TimeUnit.SECONDS);
                    } else if (r.gap() > 0) {
                        Thread.sleep(r.gap());
                    }
                }
            } catch (IOException e) {
                writeFailed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** The bench's responder: {@code FixedResponder PORT [THREADS]}, the fixed chat reply, nothing recorded. */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        new FixedResponder(port, threads, false);
        System.out.println("fixed responder on http://127.0.0.1:" + port + "/v1");
    }
}
