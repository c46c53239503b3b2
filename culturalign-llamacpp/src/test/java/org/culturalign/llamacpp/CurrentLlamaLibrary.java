package org.culturalign.llamacpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a current libllama.so is for the tests that compare builds: {@code CULTURALIGN_TEST_LLAMA_LIB}, else the
 * {@code lib} folder of the installed llama-cpp-python ({@code tools/install-test-python.sh} installs 0.3.36).
 * Without it such a test is skipped saying why, except under CI ({@code CI=true}), where it is a failure.
 */
final class CurrentLlamaLibrary {
    private CurrentLlamaLibrary() {
    }

    static Path require() {
        String explicit = System.getenv("CULTURALIGN_TEST_LLAMA_LIB");
        Path p = explicit != null && !explicit.isBlank() ? Path.of(explicit) : fromLlamaCppPython();
        if (p == null || !Files.isRegularFile(Files.isDirectory(p) ? p.resolve("libllama.so") : p)) {
            String why = "no current libllama.so (" + (p == null ? "llama-cpp-python is not installed" : p)
                    + "): run tools/install-test-python.sh or set CULTURALIGN_TEST_LLAMA_LIB";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + "; under CI .ci/run installs it first");
            }
            Assumptions.abort(why);
        }
        return p;
    }

    private static Path fromLlamaCppPython() {
        try {
            Process p = new ProcessBuilder("python3", "-c",
                    "import llama_cpp, os; print(os.path.join(os.path.dirname(llama_cpp.__file__), 'lib'))")
                    .redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return null;
            }
            return Path.of(out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
