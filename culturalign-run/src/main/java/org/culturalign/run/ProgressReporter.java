package org.culturalign.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.culturalign.model.RetryEvent;
import org.culturalign.model.RetryObserver;

/**
 * Shows a run's progress: a progress bar with rate and ETA on a terminal (me.tongfei progressbar), plain log lines
 * (every 10% or 30 s, with rate and ETA) otherwise, or nothing. As the {@link RetryObserver} of the run's backends
 * it also says the retries worth saying ({@link RetryEvent#shown()}: waits of 2 s or more, timeouts, connection
 * failures) while they wait: in the bar as its message with a countdown ("waiting 42 s: 429 from 127.0.0.1:8000,
 * retry 2/5"), as one log line each otherwise; the quiet reporter says nothing. Thread-safe.
 */
public abstract class ProgressReporter implements AutoCloseable, RetryObserver {

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

    /** The terminal bar; package-private for tests, which read its message. */
    static final class Bar extends ProgressReporter {
        private final ProgressBar bar;
        /** Waits in progress that are shown, oldest first: the newest is the bar's message. */
        private final List<Active> active = new ArrayList<>();
        private ScheduledExecutorService ticker;

        private record Active(RetryEvent event, long deadlineNanos) {
        }

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
        public synchronized void waiting(RetryEvent e) {
            if (!e.shown()) {
                return;
            }
            active.add(new Active(e, System.nanoTime() + e.delay().toNanos()));
            bar.setExtraMessage(e.describe());
            if (ticker == null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "culturalign-retry-countdown");
                    t.setDaemon(true);
                    return t;
                });
                ticker.scheduleAtFixedRate(this::countDown, 1, 1, TimeUnit.SECONDS);
            }
        }

        @Override
        public synchronized void waited(RetryEvent e) {
            if (active.removeIf(a -> a.event == e)) {
                countDown();
            }
        }

        /** The newest wait in progress with the whole seconds it has left, or no message when none is. */
        synchronized void countDown() {
            if (active.isEmpty()) {
                bar.setExtraMessage("");
                return;
            }
            Active a = active.get(active.size() - 1);
            long left = Math.max(0, a.deadlineNanos - System.nanoTime());
            bar.setExtraMessage(a.event.describe(Duration.ofSeconds((left + 999_999_999L) / 1_000_000_000L)));
        }

        /** The bar's message now (empty when no retry is waiting). */
        synchronized String message() {
            return bar.getExtraMessage();
        }

        @Override
        public synchronized void close() {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            bar.close();
        }
    }

    /** Log lines; package-private for tests. */
    static final class Lines extends ProgressReporter {
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

        /** One line per retry worth saying, with its reason: "eval: waiting 42 s: ... (HTTP 429: ...)". */
        @Override
        public synchronized void waiting(RetryEvent e) {
            if (e.shown()) {
                out.println("eval: " + e.describe() + " (" + e.reason() + ")");
                out.flush();
            }
        }

        @Override
        public void close() {
        }
    }
}
