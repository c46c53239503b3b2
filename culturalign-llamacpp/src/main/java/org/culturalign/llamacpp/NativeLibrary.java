package org.culturalign.llamacpp;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.culturalign.io.AtomicFiles;
import org.culturalign.io.Sha256;
import org.culturalign.model.ModelException;

/**
 * Loads llama.cpp once per JVM: extracts {@code libjllama.so} from the {@code de.kherud:llama} jar to
 * {@code java.io.tmpdir/culturalign-llama-<sha256 prefix>/} (a content-named directory, written to a temporary file
 * and moved atomically, so parallel JVMs never see a half-written or foreign library), binds it with JNA, checks the
 * struct layouts ({@link NativeLayoutCheck}), installs a log sink and initialises the backend.
 *
 * <p>llama.cpp's log goes to a ring buffer of the last error/warning lines (used in error messages) instead of
 * stderr: both its loggers ({@code llama_log_set} and {@code ggml_log_set}), and, while a model file is loaded, what
 * the GGUF reader of this build writes straight to the C {@code stderr} with {@code fprintf} (file descriptor 2 is
 * pointed at a temporary file for the duration of the load; see {@link #captureStderr}). Native lines are printed
 * only when the environment variable {@code CULTURALIGN_DEBUG} (or {@code CULTURALIGN_LLAMA_LOG}) is set, or a model
 * was opened with the model arg {@code verbose=1}.
 */
final class NativeLibrary {
    static final String RESOURCE = "de/kherud/llama/Linux/x86_64/libjllama.so";
    /** sha256 of the libjllama.so (linux x86_64) in de.kherud:llama:4.2.0: llama.cpp build b4916. */
    static final String KNOWN_SHA256 = "93276c536d00f037c37ed6ec1e55be9c828940f4a0af59af10a8f638a31bbc3c";
    static final String KNOWN_BUILD = "b4916";

    private static volatile NativeLibrary instance;

    final LlamaNative api;
    final Path file;
    final String sha256;
    final String build;
    private final Deque<String> recentLog = new ArrayDeque<>();
    private volatile boolean echo = System.getenv("CULTURALIGN_LLAMA_LOG") != null
            || System.getenv("CULTURALIGN_DEBUG") != null;
    // strongly referenced: native code keeps calling it for the JVM's lifetime
    private final LlamaNative.LogCallback logSink = this::onLog;

    private NativeLibrary(LlamaNative api, Path file, String sha256) {
        this.api = api;
        this.file = file;
        this.sha256 = sha256;
        this.build = KNOWN_SHA256.equals(sha256) ? KNOWN_BUILD : "unknown (libjllama.so sha256 " + sha256 + ")";
    }

    /**
     * The loaded library.
     *
     * @throws ModelException when the platform is not linux x86_64, the library cannot be extracted or loaded, or its
     *                        struct layouts differ from the ones this binding was written for
     */
    static NativeLibrary get() {
        NativeLibrary lib = instance;
        if (lib == null) {
            synchronized (NativeLibrary.class) {
                lib = instance;
                if (lib == null) {
                    lib = load();
                    instance = lib;
                }
            }
        }
        return lib;
    }

    private static NativeLibrary load() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new ModelException("the in-process llama.cpp backend supports linux x86_64 only (this is " + os
                    + " " + arch + "); run llama-server and use an openai: model instead", false);
        }
        byte[] bytes;
        try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelException("the llama.cpp native library " + RESOURCE
                        + " is not on the class path (de.kherud:llama:4.2.0 jar missing)", false);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelException("cannot read " + RESOURCE + ": " + e.getMessage(), false, e);
        }
        String sha = Sha256.hex(bytes);
        Path file = extract(bytes, sha);
        LlamaNative api;
        try {
            api = Native.load(file.toString(), LlamaNative.class);
        } catch (UnsatisfiedLinkError e) {
            throw new ModelException("cannot load the llama.cpp native library " + file + ": " + e.getMessage(),
                    false, e);
        }
        NativeLayoutCheck.verify(api);
        NativeLibrary lib = new NativeLibrary(api, file, sha);
        api.llama_log_set(lib.logSink, null);
        api.ggml_log_set(lib.logSink, null);
        api.llama_backend_init();
        return lib;
    }

    private static Path extract(byte[] bytes, String sha) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "culturalign-llama-" + sha.substring(0, 16));
        Path target = dir.resolve("libjllama.so");
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && Sha256.hex(Files.readAllBytes(target)).equals(sha)) {
                return target;
            }
            AtomicFiles.writeBytes(target, bytes);
            return target;
        } catch (IOException e) {
            throw new ModelException("cannot extract the llama.cpp native library to " + dir + ": " + e, false, e);
        }
    }

    private void onLog(int level, Pointer text, Pointer userData) {
        String line = text == null ? "" : text.getString(0, StandardCharsets.UTF_8.name());
        if (echo) {
            System.err.print(line);
        }
        if (level == 3 || level == 4) {
            remember(line);
        }
    }

    private void remember(String line) {
        synchronized (recentLog) {
            recentLog.addLast(line.strip());
            while (recentLog.size() > 20) {
                recentLog.removeFirst();
            }
        }
    }

    /** Prints native log lines from now on (model arg {@code verbose=1}). */
    void echo() {
        echo = true;
    }

    /** The C library calls that point file descriptor 2 elsewhere and back. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);
        int O_WRONLY = 1;

        int dup(int fd);

        int dup2(int fd, int fd2);

        int open(String path, int flags);

        int close(int fd);

        int fflush(Pointer stream);
    }

    /**
     * Runs a native call with file descriptor 2 pointed at a temporary file, then keeps what was written there as
     * error lines of the log (and prints it when echoing). The GGUF reader of llama.cpp b4916 reports a corrupt file
     * with {@code fprintf(stderr, ...)}, past both log callbacks. Anything else the process writes to stderr during
     * the call (another thread's Java output) is captured too, so only short calls (a model load) go through here;
     * when the capture cannot be set up the call simply runs uncaptured.
     */
    <T> T captureStderr(java.util.function.Supplier<T> call) {
        Path tmp;
        int saved;
        try {
            tmp = Files.createTempFile("culturalign-llama-stderr", ".txt");
        } catch (IOException e) {
            return call.get();
        }
        try {
            LibC c = LibC.INSTANCE;
            System.err.flush();
            int fd = c.open(tmp.toString(), LibC.O_WRONLY);
            saved = fd < 0 ? -1 : c.dup(2);
            if (fd < 0 || saved < 0 || c.dup2(fd, 2) < 0) {
                if (fd >= 0) {
                    c.close(fd);
                }
                if (saved >= 0) {
                    c.close(saved);
                }
                return call.get();
            }
            c.close(fd);
            try {
                return call.get();
            } finally {
                c.fflush(null);
                c.dup2(saved, 2);
                c.close(saved);
                replay(tmp);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover empty temporary file is harmless
            }
        }
    }

    private void replay(Path captured) {
        String text;
        try {
            text = Files.readString(captured, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        if (echo) {
            System.err.print(text);
        }
        text.lines().filter(l -> !l.isBlank()).forEach(this::remember);
    }

    /** Forgets the collected log lines (before a call whose failure is then explained by them). */
    void clearLog() {
        synchronized (recentLog) {
            recentLog.clear();
        }
    }

    /** The error and warning lines llama.cpp logged since {@link #clearLog()}, oldest first. */
    List<String> recentLog() {
        synchronized (recentLog) {
            return List.copyOf(recentLog);
        }
    }
}
