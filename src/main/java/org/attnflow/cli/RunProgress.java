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
 * The progress bar of a run (me.tongfei progressbar, on stderr), counted in saved frames. A short run shows
 * nothing: the bar appears only once the run has lasted {@link #DELAY}, and only when the terminal is
 * interactive (mode {@code auto}), so that logs, pipes and the test suite never see it.
 */
final class RunProgress implements FrameHandler, AutoCloseable {

    /** How the bar is shown: {@code auto} (on a terminal, after {@link #DELAY}), {@code always} (after the delay), {@code never}. */
    enum Mode { AUTO, ALWAYS, NEVER }

    static final Duration DELAY = Duration.ofSeconds(2);

    private final int frames;
    private final double end;
    private final ScheduledExecutorService timer;
    private volatile int lastFrame;
    private volatile double lastTime;
    private ProgressBar bar;
    private boolean closed;

    RunProgress(Mode mode, int frames, double end) {
        this.frames = frames;
        this.end = end;
        boolean show = frames > 1 && (mode == Mode.ALWAYS || (mode == Mode.AUTO && interactive()));
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

    @Override
    public void frame(int index, double t, double[] x) {
        lastFrame = index;
        lastTime = t;
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
        }
    }

    private synchronized void start() {
        if (closed) return;
        bar = new ProgressBarBuilder()
                .setTaskName("simulate")
                .setInitialMax(frames - 1)
                .setUnit(" frames", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .startsFrom(0, DELAY)
                .build();
        update();
    }

    private void update() {
        bar.stepTo(lastFrame);
        bar.setExtraMessage(String.format(Locale.ROOT, "t = %.4g / %.4g", lastTime, end));
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
