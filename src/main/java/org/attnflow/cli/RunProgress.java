package org.attnflow.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.attnflow.integrate.FrameHandler;

import java.io.Console;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress bar of every command that can take a while (me.tongfei progressbar, on stderr, with ETA): a run's
 * saved frames (simulate, verify's and validate's reference), Monte Carlo runs (renyi), claims, analysis steps. A
 * short task shows nothing: the bar appears only once it has lasted {@link #DELAY}, and only when stderr is a
 * terminal (mode {@code auto}), so that logs, pipes and the test suite never see it. A bar that was drawn ends its
 * line on close, and while it is drawn a Ctrl-C starts its message on a new line ({@link Interruption}).
 */
final class RunProgress implements FrameHandler, AutoCloseable {

    /** How the bar is shown: {@code auto} (on a terminal, after {@link #DELAY}), {@code always} (after the delay), {@code never}. */
    enum Mode { AUTO, ALWAYS, NEVER }

    /** Seconds before a bar appears (a constant expression, for the help texts). */
    static final int DELAY_SECONDS = 2;
    static final Duration DELAY = Duration.ofSeconds(DELAY_SECONDS);

    private final String task;
    private final long total;
    private final String unit;
    private final double end;
    private final ScheduledExecutorService timer;
    private volatile long done;
    private volatile double lastTime = Double.NaN;
    private volatile String note;
    private ProgressBar bar;
    private boolean closed;

    /** simulate's bar: {@code frames} saved frames up to time {@code end}. */
    RunProgress(Mode mode, int frames, double end) {
        this(mode, "simulate", frames - 1L, "frames", end);
    }

    /**
     * A bar counting {@code total} {@code unit}s of {@code task}; {@code end} > 0 adds "t = now / end" for tasks
     * that advance in time (NaN otherwise).
     */
    RunProgress(Mode mode, String task, long total, String unit, double end) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.end = end;
        boolean show = total > 0 && (mode == Mode.ALWAYS || (mode == Mode.AUTO && interactive()));
        if (show) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "attnflow-progress");
                t.setDaemon(true);
                return t;
            });
            timer.schedule(this::start, DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** A saved frame (index from 0): frames 1..total are the work. */
    @Override
    public void frame(int index, double t, double[] x) {
        lastTime = t;
        stepTo(index);
    }

    /** {@code count} units are done. */
    void stepTo(long count) {
        done = count;
        synchronized (this) {
            if (bar != null) update();
        }
    }

    /** A short note after the counts ("C3 running", "2 failed"). */
    void note(String text) {
        note = text;
        synchronized (this) {
            if (bar != null) update();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) timer.shutdownNow();
        if (bar != null) {
            update();
            bar.close();
            bar = null;
            Interruption.progressLine(false);
        }
    }

    private synchronized void start() {
        if (closed) return;
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .startsFrom(0, DELAY)
                .build();
        Interruption.progressLine(true);
        update();
    }

    private void update() {
        bar.stepTo(done);
        StringBuilder extra = new StringBuilder();
        if (end > 0 && !Double.isNaN(lastTime)) extra.append(String.format(Locale.ROOT, "t = %.4g / %.4g", lastTime, end));
        String n = note;
        if (n != null) extra.append(extra.length() > 0 ? ", " : "").append(n);
        bar.setExtraMessage(extra.toString());
    }

    /**
     * Whether the user is watching a terminal. JDK 22+ returns a {@link Console} even for redirected streams and
     * says so through {@code Console.isTerminal()}, which is not in the Java 21 API this code compiles against:
     * hence the reflective call. On JDK 21 a non-null console already means a terminal.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
