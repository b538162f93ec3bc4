package org.attnflow.sweep;

import java.util.Arrays;

/**
 * What one run of a sweep produced: one row of the results table.
 *
 * @param point       the run's id and coordinates (its seed included)
 * @param failed      the integration broke down (an {@link ArithmeticException}: overflow, step-size underflow);
 *                    the statistics are then NaN and the run counts in the aggregated table's {@code failed} column
 * @param error       the breakdown's message on one line (commas and quotes replaced by ; and '), or "" for a completed run
 * @param steps       accepted steps
 * @param rejected    rejected steps
 * @param evaluations field evaluations
 * @param wallSeconds the run's wall-clock time (informative only: never aggregated)
 * @param values      [statistic][saved time], statistics in the order of {@link SweepSpec#statistics()}
 */
public record RunResult(RunPoint point, boolean failed, String error, long steps, long rejected, long evaluations,
                        double wallSeconds, double[][] values) implements java.io.Serializable {

    public RunResult {
        double[][] copy = new double[values.length][];
        for (int s = 0; s < values.length; s++) copy[s] = values[s].clone();
        values = copy;
        // one line without commas or quotes, so that it is one plain CSV field as it stands
        error = error == null ? "" : error.replaceAll("\\s+", " ").strip().replace(',', ';').replace('"', '\'');
    }

    public int id() { return point.id(); }

    /** Statistic {@code s} at saved time {@code t}. */
    public double value(int s, int t) { return values[s][t]; }

    @Override
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int s = 0; s < values.length; s++) copy[s] = values[s].clone();
        return copy;
    }

    /** Equal results: same run, outcome, counts and bit-identical statistics (the wall time is not compared). */
    public boolean sameOutcome(RunResult o) {
        return point.equals(o.point) && failed == o.failed && error.equals(o.error) && steps == o.steps && rejected == o.rejected
                && evaluations == o.evaluations && Arrays.deepEquals(values, o.values);
    }
}
