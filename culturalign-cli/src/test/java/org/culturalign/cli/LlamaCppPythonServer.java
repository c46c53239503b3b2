package org.culturalign.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real OpenAI-compatible server of llama-cpp-python ({@code python3 -m llama_cpp.server}) started on loopback
 * with the real test model, for tests that compare the {@code openai:} backend with the in-process engine. Started
 * with {@code logits_all} (prompt log-probabilities for echo) and its {@code gemma} chat format (the GGUF has no
 * template). Skipped, saying why, where Python, llama-cpp-python or the model is missing, except under CI
 * ({@code CI=true}), where {@code tools/install-test-python.sh} and {@code tools/fetch-test-model.sh} ran first.
 */
final class LlamaCppPythonServer implements AutoCloseable {
    static final String MODEL_ALIAS = "gemma-3-270m";
    private final Process process;
    private final Path log;
    final int port;

    private LlamaCppPythonServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The base URL, {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    static Path requireModel() {
        Path p = RealModel.locate();
        if (!Files.isRegularFile(p)) {
            skipOrFail("real model not found at " + p + ": run tools/fetch-test-model.sh (or set CULTURALIGN_TEST_MODEL)");
        }
        return p;
    }

    static LlamaCppPythonServer start(Path model) throws IOException, InterruptedException {
        String python = System.getenv().getOrDefault("CULTURALIGN_PYTHON", "python3");
        Process probe;
        try {
            probe = new ProcessBuilder(python, "-c", "import llama_cpp.server.app").redirectErrorStream(true).start();
        } catch (IOException e) {
            skipOrFail(python + " not found: install Python 3 and run tools/install-test-python.sh");
            throw e;
        }
        if (!probe.waitFor(120, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            skipOrFail("llama-cpp-python's server is not importable with " + python
                    + ": run tools/install-test-python.sh");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("llama-cpp-python-server", ".log");
        List<String> cmd = new ArrayList<>(List.of(python, "-m", "llama_cpp.server", "--model", model.toString(),
                "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--n_ctx", "2048", "--n_batch", "512", "--n_threads", "2", "--logits_all", "true",
                "--chat_format", "gemma", "--verbose", "false"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LlamaCppPythonServer server = new LlamaCppPythonServer(p, log, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("llama-cpp-python's server exited with " + p.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // still loading
            }
            Thread.sleep(250);
        }
        server.close();
        throw new AssertionError("llama-cpp-python's server did not answer within 180 s: " + Files.readString(log));
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void skipOrFail(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why + " (under CI this must be installed by .ci/run)");
        }
        Assumptions.abort(why);
    }
}
