package org.culturalign.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the {@code culturalign} command line in this JVM and what it printed.
 *
 * @param code the exit code
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int code, String out, String err) {
    /** Runs {@link Culturalign#commandLine()} with its out and err captured. */
    static CliRun of(String... args) {
        CommandLine cl = Culturalign.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Runs with {@link System#out} captured as {@code out}, for commands that also print there (the run's progress
     * lines); synchronized because {@code System.out} is global.
     */
    static synchronized CliRun withSystemOut(String... args) {
        CommandLine cl = Culturalign.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    /** Standard output as lines, without line terminators. */
    List<String> outLines() {
        return out.lines().toList();
    }
}
