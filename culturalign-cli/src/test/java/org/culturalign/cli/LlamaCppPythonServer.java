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
    private final String python;
    private final HttpClient http = HttpClient.newHttpClient();
    final int port;

    private LlamaCppPythonServer(Process process, Path log, int port, String python) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.python = python;
    }

    /**
     * Makes the server's next request decode its prompt as {@code <bos>} (cached, decoded alone) plus the rest in one
     * batch. llama-cpp-python's {@code generate} keeps the previous request's tokens and decodes only what follows
     * their longest common token prefix with the next prompt; every prompt starts with {@code <bos>}, so that is the
     * least it shares, and on this 4-bit file logits depend on the split. A short prompt that shares nothing else
     * with a probe leaves exactly that: the in-process engine's {@code batching=after-bos}. {@link #start} sends an
     * empty prompt first, so the cached {@code <bos>} was decoded alone.
     */
    void resetPromptCache() throws IOException, InterruptedException {
        complete("Hello");
    }

    private void complete(String prompt) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL_ALIAS + "\",\"prompt\":\""
                        + prompt + "\",\"max_tokens\":1}"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("completion of '" + prompt + "' failed: " + r.statusCode() + " " + r.body());
        }
    }

    /** The folder of the libllama.so the server runs on (llama-cpp-python's {@code lib}). */
    Path libraryDir() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c",
                "import llama_cpp, os; print(os.path.join(os.path.dirname(llama_cpp.__file__), 'lib'))").start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
            throw new AssertionError("cannot locate llama-cpp-python's lib folder with " + python);
        }
        return Path.of(out);
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
        LlamaCppPythonServer server = new LlamaCppPythonServer(p, log, port, python);
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
                    server.complete(""); // the first decode: <bos> alone, kept in the server's cache from now on
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
