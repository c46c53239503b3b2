package org.culturalign.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bench's fixed fast upstream: {@code BenchResponder PORT}, Javalin on Jetty 12 (the same server as the proxy),
 * answering every chat completion with {@link FixedResponder#CHAT_REPLY} at once.
 */
public final class BenchResponder {
    private BenchResponder() {
    }

    public static void main(String[] args) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = Integer.parseInt(args[0]);
            config.jetty.threadPool = new QueuedThreadPool(512, 8);
            config.routes.post("/v1/chat/completions", ctx -> {
                ctx.bodyAsBytes();
                ctx.contentType("application/json").result(FixedResponder.CHAT_REPLY);
            });
        }).start();
        System.out.println("bench responder on http://127.0.0.1:" + app.port() + "/v1");
    }
}
