package org.culturalign.run;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: a progress bar with rate and ETA on a terminal (me.tongfei progressbar), plain log lines
 * (every 10% or 30 s, with rate and ETA) otherwise, or nothing. Thread-safe.
 */
public abstract class ProgressReporter implements AutoCloseable {

    /** Advances by {@code n} probes. */
    public abstract void step(long n);

    @Override
    public abstract void close();

    /** The reporter for a mode: AUTO picks the bar when {@code System.console() != null}. */
    public static ProgressReporter create(RunOptions.ProgressMode mode, long total, long alreadyDone, PrintStream out) {
        if (mode == RunOptions.ProgressMode.QUIET || total == 0) {
            return new Quiet();
        }
        if (mode == RunOptions.ProgressMode.AUTO && System.console() != null) {
            return new Bar(total, alreadyDone);
        }
        return new Lines(total, alreadyDone, out);
    }

    private static final class Quiet extends ProgressReporter {
        @Override
        public void step(long n) {
        }

        @Override
        public void close() {
        }
    }

    private static final class Bar extends ProgressReporter {
        private final ProgressBar bar;

        Bar(long total, long done) {
            bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" probes", 1).showSpeed().setUpdateIntervalMillis(500).startsFrom(done, Duration.ZERO)
                    .build();
        }

        @Override
        public void step(long n) {
            bar.stepBy(n);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Lines extends ProgressReporter {
        private final long total;
        private final long startDone;
        private final PrintStream out;
        private final long startNanos = System.nanoTime();
        private long done;
        private long lastPrintNanos = System.nanoTime();
        private long lastDecile;

        Lines(long total, long done, PrintStream out) {
            this.total = total;
            this.startDone = done;
            this.done = done;
            this.out = out;
            this.lastDecile = done * 10 / total;
        }

        @Override
        public synchronized void step(long n) {
            done += n;
            long now = System.nanoTime();
            long decile = done * 10 / total;
            if (decile > lastDecile || now - lastPrintNanos > 30_000_000_000L) {
                lastDecile = decile;
                lastPrintNanos = now;
                double seconds = (now - startNanos) / 1e9;
                double rate = (done - startDone) / Math.max(seconds, 1e-9);
                long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
                out.printf("eval: %d/%d probes (%d%%), %.1f probes/s, ETA %s%n", done, total, done * 100 / total,
                        rate, eta < 0 ? "?" : Duration.ofSeconds(eta).toString().substring(2).toLowerCase());
            }
        }

        @Override
        public void close() {
        }
    }
}
