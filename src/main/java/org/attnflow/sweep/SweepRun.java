package org.attnflow.sweep;

import org.attnflow.integrate.SolverStatistics;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.attnflow.run.Ensembles;
import org.attnflow.run.ScenarioRunner;

import java.util.Arrays;

/**
 * Executes one run of a sweep: the run's scenario (the base with the run's coordinates written in) is read by
 * {@link ScenarioReader} and run by {@link ScenarioRunner} exactly as {@code simulate} would read and run it, and
 * its frames are reduced to the sweep's statistics at every saved time. A run is a pure function of the
 * sweep and its id: whichever thread or Spark executor runs it, its numbers are the same to the last bit.
 */
public final class SweepRun {
    private SweepRun() {}

    public static RunResult execute(SweepSpec spec, int id) {
        RunPoint p = spec.run(id);
        return execute(spec, p, scenario(spec, p));
    }

    /** The run at {@code p}, {@code s} its scenario as {@link #scenario} reads it. */
    static RunResult execute(SweepSpec spec, RunPoint p, Scenario s) {
        long t0 = System.nanoTime();
        TrajectoryRecorder recorder = new TrajectoryRecorder(s.tokens(), s.dimension());
        SolverStatistics stats;
        try {
            stats = ScenarioRunner.run(s, recorder).statistics();
        } catch (ArithmeticException breakdown) {
            return failed(spec, p, breakdown, seconds(t0));
        }
        return completed(spec, p, recorder.trajectory(), stats, seconds(t0));
    }

    /**
     * The scenario of a run as it is run: read by {@link ScenarioReader} as {@code simulate} reads it, with
     * {@code solver.field} {@code auto} settled for the run's whole ensemble ({@link Ensembles#settle}), batched or
     * not, so that batching never changes a number.
     */
    static Scenario scenario(SweepSpec spec, RunPoint p) {
        Scenario s = ScenarioReader.parse(spec.scenario(p), "sweep run " + p.id() + " (" + p.describe() + ")").scenario();
        return Ensembles.settle(s, spec.runsPerShape());
    }

    /** The row of a run whose integration broke down: its message, NaN statistics. */
    static RunResult failed(SweepSpec spec, RunPoint p, ArithmeticException breakdown, double seconds) {
        double[][] nan = new double[spec.statistics().size()][spec.times().length];
        for (double[] row : nan) Arrays.fill(row, Double.NaN);
        return new RunResult(p, true, breakdown.getMessage(), 0, 0, 0, seconds, nan);
    }

    /** The row of a completed run: its statistics at every saved time. */
    static RunResult completed(SweepSpec spec, RunPoint p, Trajectory trajectory, SolverStatistics stats, double seconds) {
        double[][] values = new double[spec.statistics().size()][];
        for (int k = 0; k < values.length; k++) {
            values[k] = spec.statistics().get(k).series(trajectory, p.beta().doubleValue(), spec.settings());
        }
        return new RunResult(p, false, "", stats.steps(), stats.rejectedSteps(), stats.evaluations(), seconds, values);
    }

    static double seconds(long t0) { return (System.nanoTime() - t0) * 1e-9; }
}
