package org.culturalign.llamacpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.culturalign.llamacpp.gguf.DesignedLogits;
import org.culturalign.llamacpp.gguf.TinyModelConfig;
import org.culturalign.llamacpp.gguf.TinyModelGenerator;

/** Generated models shared by the tests of one JVM (written once to a temporary directory). */
final class TestModels {
    static final Path DIR;
    /** Designed logits: after any token " A"=3, " B"=2, " C"=1, " Yes"=1.5; after " A": " B"=4, " A"=-1. */
    static final DesignedLogits LOGITS = new DesignedLogits(
            ordered(" A", 3.0, " B", 2.0, " C", 1.0, " Yes", 1.5),
            Map.of(" A", ordered(" B", 4.0, " A", -1.0)));

    static {
        try {
            DIR = Files.createTempDirectory("culturalign-llamacpp-test");
            Path cache = DIR.resolve("cache");
            System.setProperty("culturalign.cache", cache.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path designed;
    private static Path random;
    private static Path randomNoTemplate;

    private TestModels() {
    }

    static synchronized Path designed() {
        if (designed == null) {
            designed = write("designed.gguf", p -> TinyModelGenerator.designed(p, LOGITS,
                    TinyModelConfig.small("designed").withChatTemplate(null)));
        }
        return designed;
    }

    static synchronized Path random() {
        if (random == null) {
            random = write("random.gguf", p -> TinyModelGenerator.random(p, 7, TinyModelConfig.small("random-7")));
        }
        return random;
    }

    static synchronized Path randomWithoutTemplate() {
        if (randomNoTemplate == null) {
            randomNoTemplate = write("random-no-template.gguf", p -> TinyModelGenerator.random(p, 7,
                    TinyModelConfig.small("random-7").withChatTemplate(null)));
        }
        return randomNoTemplate;
    }

    static LlamaCppOptions oneThread() {
        return new LlamaCppOptions(1, 2048, 512);
    }

    interface Writer {
        void write(Path p) throws IOException;
    }

    static Path write(String name, Writer w) {
        Path p = DIR.resolve(name);
        try {
            w.write(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }
}
