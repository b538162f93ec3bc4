package org.attnflow.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.attnflow.model.Scenario;
import org.attnflow.reference.ReferenceCost;
import org.attnflow.verify.Verification;

/**
 * Progress of a command made of several runs ({@code verify}: the double runs, the reference, the replay): one
 * {@link RunProgress} bar per run, named after it, and before an arbitrary-precision run that will take longer than
 * {@link #ANNOUNCE_SECONDS} one line on stderr with the {@link ReferenceCost} estimate ("the reference will take
 * about 8 min"), whatever the progress mode, since a user who sees nothing for minutes assumes a hang.
 */
final class StageProgress implements Verification.Listener, AutoCloseable {
    /** Estimated runs at least this long are announced. */
    static final double ANNOUNCE_SECONDS = 10;

    private final RunProgress.Mode mode;
    private final PrintWriter err;
    private RunProgress bar;

    StageProgress(RunProgress.Mode mode, PrintWriter err) {
        this.mode = mode;
        this.err = err;
    }

    @Override
    public void run(String what, Scenario scenario) {
        close();
        announce(err, what, scenario);
        bar = new RunProgress(mode, what, scenario.time().frames() - 1L, "frames", scenario.time().end());
    }

    /** Prints the estimate of an arbitrary-precision run of {@code scenario} when it is long. */
    static void announce(PrintWriter err, String what, Scenario scenario) {
        if (!scenario.solver().arbitraryPrecision()) return;
        double seconds = ReferenceCost.seconds(scenario);
        if (seconds < ANNOUNCE_SECONDS) return;
        err.printf(Locale.ROOT, "attnflow: the %s (%d tokens in R^%d, %d frames to t = %s) will take about %s (a rough estimate)%n",
                what, scenario.tokens(), scenario.dimension(), scenario.time().frames(), fmt(scenario.time().end()), ReferenceCost.duration(seconds));
        err.flush();
    }

    @Override
    public void frame(int index, double t) {
        if (bar != null) bar.frame(index, t, null);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
        bar = null;
    }

    private static String fmt(double t) { return String.format(Locale.ROOT, "%.6g", t).replaceAll("\\.?0+$", ""); }
}
