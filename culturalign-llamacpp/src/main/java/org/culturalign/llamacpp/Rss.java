package org.culturalign.llamacpp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process ({@code VmRSS} in {@code /proc/self/status}), for benchmarks and leak checks. */
public final class Rss {
    private Rss() {
    }

    /** VmRSS in kB, or -1 where /proc is not available. */
    public static long kilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
