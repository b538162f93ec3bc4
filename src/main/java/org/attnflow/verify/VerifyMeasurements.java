package org.attnflow.verify;

import java.util.List;

import org.attnflow.integrate.SolverStatistics;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.reference.ReferenceResult;

/**
 * What {@code verify} measured, before any verdict: per double run and frame the distance from the reference ODE
 * solution and the worst token, the reference's own error bound per frame, and the replay of the scheme (fixed-step
 * methods the reference replays). {@link Verification} measures and then decides on these alone.
 *
 * @param source            the scenario's name in the report
 * @param scenario          the scenario as run
 * @param digits            the reference's digits
 * @param metric            the distance
 * @param times             the save times
 * @param runs              the double runs: the scenario's own first, then h/2 and h/4 (fixed step) or the tightened tolerances (dopri5)
 * @param distance          [run][frame] distance from the reference
 * @param worst             [run][frame] the token at that distance
 * @param referenceError    per frame, the reference's error bound in the same distance
 * @param reference         the reference run
 * @param replay            the replay of the scheme at h, or null (adaptive method, or a scheme without replay)
 * @param replayUnavailable why a fixed-step method has no replay, or null
 */
record VerifyMeasurements(String source, Scenario scenario, int digits, TokenDistance metric, double[] times, List<DoubleRun> runs,
                          double[][] distance, int[][] worst, double[] referenceError, Timed reference, Replay replay, String replayUnavailable) {

    /** One double run: its settings, what it cost, how long it took. */
    record DoubleRun(SolverSettings settings, SolverStatistics statistics, double seconds) {}

    /** An arbitrary-precision run and how long it took. */
    record Timed(ReferenceResult result, double seconds) {}

    /** The scheme replayed at working precision: per frame the double run's deviation from it and its error bound. */
    record Replay(Timed run, double[] deviation, double[] error) {}

    Method method() { return scenario.solver().method(); }

    /** The scenario's own solver settings. */
    SolverSettings settings() { return scenario.solver(); }
}
