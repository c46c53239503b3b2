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
 * Loads llama.cpp once per JVM and library file. The default is the bundled build: {@code libjllama.so} extracted from
 * the {@code de.kherud:llama} jar to {@code java.io.tmpdir/culturalign-llama-<sha256 prefix>/} (a content-named
 * directory, written to a temporary file and moved atomically, so parallel JVMs never see a half-written or foreign
 * library). A current {@code libllama.so} is used instead when named by the model arg {@code llama_lib=PATH} or the
 * environment variable {@value #LIB_ENV} (a file, or a directory holding {@code libllama.so}, e.g. llama-cpp-python's
 * {@code llama_cpp/lib}). The library's API generation is told by the symbols it exports ({@code llama_kv_self_clear}:
 * b4916; {@code llama_memory_clear} and {@code llama_batch_ext_init}: the llama.h of 2026-10), then its struct layouts
 * are checked ({@link NativeLayoutCheck}), a log sink is installed and the backend initialised.
 *
 * <p>llama.cpp's log goes to a ring buffer of the last error/warning lines (used in error messages) instead of
 * stderr: both its loggers ({@code llama_log_set} and {@code ggml_log_set}), and, while a model file is loaded, what
 * the GGUF reader of b4916 writes straight to the C {@code stderr} with {@code fprintf} (file descriptor 2 is
 * pointed at a temporary file for the duration of the load; see {@link #captureStderr}). Native lines are printed
 * only when the environment variable {@code CULTURALIGN_DEBUG} (or {@code CULTURALIGN_LLAMA_LOG}) is set, or a model
 * was opened with the model arg {@code verbose=1}.
 */
final class NativeLibrary {
    static final String RESOURCE = "de/kherud/llama/Linux/x86_64/libjllama.so";
    /** sha256 of the libjllama.so (linux x86_64) in de.kherud:llama:4.2.0: llama.cpp build b4916. */
    static final String KNOWN_SHA256 = "93276c536d00f037c37ed6ec1e55be9c828940f4a0af59af10a8f638a31bbc3c";
    static final String KNOWN_BUILD = "b4916";
    /** The environment variable naming a current libllama.so to use instead of the bundled build. */
    static final String LIB_ENV = "CULTURALIGN_LLAMA_LIB";

    private static final java.util.Map<Path, NativeLibrary> LOADED = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile NativeLibrary bundled;
    private static Path first;

    final LlamaNative api;
    final NativeAbi abi;
    final Path file;
    final String sha256;
    /** The build, as recorded in model identities: {@code b4916}, or the API generation and the file's hash. */
    final String build;
    private final Deque<String> recentLog = new ArrayDeque<>();
    private volatile boolean echo = System.getenv("CULTURALIGN_LLAMA_LOG") != null
            || System.getenv("CULTURALIGN_DEBUG") != null;
    // strongly referenced: native code keeps calling it for the JVM's lifetime
    private final LlamaNative.LogCallback logSink = this::onLog;

    private NativeLibrary(NativeAbi abi, Path file, String sha256) {
        this.abi = abi;
        this.api = abi.api();
        this.file = file;
        this.sha256 = sha256;
        this.build = KNOWN_SHA256.equals(sha256) ? KNOWN_BUILD
                : abi.generation() + ", libllama sha256 " + sha256.substring(0, 16);
    }

    /**
     * The library named by {@value #LIB_ENV}, or else the bundled build.
     *
     * @throws ModelException when the platform is not linux x86_64, the library cannot be extracted or loaded, or its
     *                        struct layouts differ from the ones this binding was written for
     */
    static NativeLibrary get() {
        String env = System.getenv(LIB_ENV);
        if (env != null && !env.isBlank()) {
            return get(Path.of(env.trim()));
        }
        NativeLibrary lib = bundled;
        if (lib == null) {
            synchronized (NativeLibrary.class) {
                lib = bundled;
                if (lib == null) {
                    lib = loadBundled();
                    bundled = lib;
                }
            }
        }
        return lib;
    }

    /**
     * A libllama.so given by path: the file, or a directory holding {@code libllama.so}.
     *
     * @throws org.culturalign.InvalidInputException when there is no such file
     * @throws ModelException when it cannot be loaded, is of an API generation this binding does not know, or its
     *                        layouts differ
     */
    static NativeLibrary get(Path given) {
        Path file = Files.isDirectory(given) ? given.resolve("libllama.so") : given;
        if (!Files.isRegularFile(file)) {
            throw new org.culturalign.InvalidInputException(given + ": no libllama.so there (llama_lib= / " + LIB_ENV
                    + " names a current libllama.so or the directory holding it, e.g. the lib folder of "
                    + "llama-cpp-python)");
        }
        Path key;
        try {
            key = file.toRealPath();
        } catch (IOException e) {
            throw new org.culturalign.InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        synchronized (NativeLibrary.class) {
            NativeLibrary lib = LOADED.get(key);
            if (lib == null) {
                lib = loadExternal(key);
                LOADED.put(key, lib);
            }
            return lib;
        }
    }

    private static void checkPlatform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new ModelException("the in-process llama.cpp backend supports linux x86_64 only (this is " + os
                    + " " + arch + "); run llama-server and use an openai: model instead", false);
        }
    }

    private static NativeLibrary loadBundled() {
        checkPlatform();
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
        claimProcess(file);
        return start(bind(file), file, sha);
    }

    private static NativeLibrary loadExternal(Path file) {
        checkPlatform();
        String sha;
        try {
            sha = Sha256.hexOf(file);
        } catch (IOException e) {
            throw new org.culturalign.InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        claimProcess(file);
        return start(bind(file), file, sha);
    }

    /** Chooses the binding by the symbols the library exports. */
    private static NativeAbi bind(Path file) {
        com.sun.jna.NativeLibrary raw;
        try {
            raw = com.sun.jna.NativeLibrary.getInstance(file.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new ModelException("cannot load the llama.cpp native library " + file + ": " + e.getMessage(),
                    false, e);
        }
        try {
            if (exports(raw, "llama_kv_self_clear") && exports(raw, "ggml_log_set")) {
                return new NativeAbi.B4916(Native.load(file.toString(), LlamaNativeB4916.class));
            }
            if (exports(raw, "llama_memory_clear") && exports(raw, "llama_batch_ext_init")) {
                return new NativeAbi.Current(Native.load(file.toString(), LlamaNativeCurrent.class));
            }
        } catch (UnsatisfiedLinkError e) {
            throw new ModelException("cannot load the llama.cpp native library " + file + ": " + e.getMessage(),
                    false, e);
        }
        throw new ModelException(file + " is not a libllama of an API generation this binding knows (build b4916, "
                + "or the llama.h of 2026-10 that llama-cpp-python 0.3.36 builds): it exports neither "
                + "llama_kv_self_clear nor llama_memory_clear with llama_batch_ext_init", false);
    }

    private static boolean exports(com.sun.jna.NativeLibrary raw, String symbol) {
        try {
            raw.getFunction(symbol);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /**
     * Refuses a second, different libllama in this process. Every build exports the same ggml and llama symbols and
     * loads its own {@code libggml*.so} by the same names, so a second build binds to the first one's ggml and
     * aborts the JVM on its first call (seen: exit 134 when b4916 and the current library met in one test JVM).
     */
    private static synchronized void claimProcess(Path file) {
        if (first != null && !first.equals(file)) {
            throw new ModelException("llama.cpp library " + first + " is already loaded in this process; another build ("
                    + file + ") cannot run beside it (both export the same ggml symbols). Use one library per "
                    + "process: the same llama_lib= for every llamacpp: model, or " + LIB_ENV + " for all of them",
                    false);
        }
        first = file;
    }

    private static NativeLibrary start(NativeAbi abi, Path file, String sha) {
        NativeLayoutCheck.verify(abi, file);
        NativeLibrary lib = new NativeLibrary(abi, file, sha);
        abi.setLog(lib.logSink);
        lib.api.llama_backend_init();
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
