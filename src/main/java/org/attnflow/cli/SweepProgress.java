package org.attnflow.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.attnflow.sweep.SweepListener;

import java.time.Duration;

/**
 * The progress bar of a sweep (me.tongfei progressbar on stderr, counted in runs, with rate and ETA; runs
 * finished before a resume count as done from the start and do not distort the ETA). Shown as simulate's is:
 * on a terminal only ({@code auto}), {@code always}, or {@code never}.
 */
final class SweepProgress implements SweepListener, AutoCloseable {
    private final boolean show;
    private ProgressBar bar;
    private int failed;

    SweepProgress(RunProgress.Mode mode) {
        this.show = mode == RunProgress.Mode.ALWAYS || (mode == RunProgress.Mode.AUTO && RunProgress.interactive());
    }

    @Override
    public synchronized void started(int total, int done, int pending) {
        if (!show || pending == 0) return;
        bar = new ProgressBarBuilder()
                .setTaskName("sweep")
                .setInitialMax(total)
                .setUnit(" runs", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .startsFrom(done, Duration.ZERO)
                .build();
        Interruption.progressLine(true);
    }

    @Override
    public synchronized void finished(int id, boolean runFailed) {
        if (runFailed) failed++;
        if (bar == null) return;
        bar.step();
        if (failed > 0) bar.setExtraMessage(failed + " failed");
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            Interruption.progressLine(false);
        }
        bar = null;
    }
}
