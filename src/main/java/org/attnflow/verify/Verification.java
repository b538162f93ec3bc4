package org.attnflow.verify;

import java.util.ArrayList;
import java.util.List;

import org.attnflow.integrate.Method;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.InputException;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.reference.ReferenceResult;
import org.attnflow.reference.ReferenceSolver;

/**
 * {@code verify}: a scenario's double-precision run checked against the arbitrary-precision reference.
 *
 * <ol>
 *   <li>The double run as the scenario asks (through the {@link DoubleSolver}), and the reference ODE solution
 *       ({@link ReferenceSolver}, method {@code reference}) at the requested digits; at every saved frame the
 *       largest {@link TokenDistance} between them and the reference's own error bound.</li>
 *   <li>dopri5: the verdict is the {@link Dopri5Promise} at every frame.</li>
 *   <li>Fixed-step methods promise an order, not an error: the scheme also runs at h/2 and h/4, the observed
 *       {@link ConvergenceOrder} must match the nominal one (±0.3), and, where the reference can replay the scheme
 *       (S1, S2, rk4), the double run at h must agree with its replay at working precision to rounding
 *       ({@link Validation#DEFAULT_TOLERANCE}): the double code is the scheme, not merely a scheme of that order.</li>
 *   <li>Every comparison is only as good as the reference: its error bound must stay {@value #REFERENCE_MARGIN}×
 *       below what it is compared with, or the verdict is fail with "raise --digits".</li>
 * </ol>
 *
 * <p>Memory: the double runs are kept (frames·n·d doubles each, one run for dopri5, three for fixed-step
 * methods); the reference is compared frame by frame as it advances.
 */
public final class Verification {
    /** Digits of the reference when the command line does not say: 10^-20 is far below any double error. */
    public static final int DEFAULT_DIGITS = 20;
    /** The reference must be at least this many times more accurate than the quantity it checks. */
    public static final double REFERENCE_MARGIN = 10;

    private Verification() {}

    /** Runs the checks; {@code source} names the scenario in the report. */
    public static VerifyReport verify(String source, Scenario scenario, int digits, DoubleSolver doubles) {
        SolverSettings settings = scenario.solver();
        if (digits < 5) throw new InputException("--digits must be >= 5, got " + digits);
        if (settings.arbitraryPrecision() || ReferenceSolver.METHOD.equals(settings.method())) {
            throw new InputException(source + ": solver is the arbitrary-precision reference (method " + settings.method()
                    + ", digits " + settings.digits() + "): verify checks a double-precision method against it; remove solver.digits and choose a double method");
        }
        Method method;
        try {
            method = Method.fromKey(settings.method());
        } catch (IllegalArgumentException e) {
            throw new InputException(source + ": " + e.getMessage(), e);
        }
        if (method.fixedStep() && settings.step() == null) {
            throw new InputException(source + ": solver.step is required for the fixed-step method " + method.key());
        }

        int frames = scenario.time().frames();
        if (frames < 2) throw new InputException(source + ": the scenario saves only its initial state (time.end = 0): nothing to verify");
        int n = scenario.tokens(), d = scenario.dimension();
        TokenDistance metric = TokenDistance.of(scenario.model().geometry());
        List<Scenario> runs = new ArrayList<>();
        runs.add(scenario);
        if (method.fixedStep()) {
            runs.add(ScenarioVariants.withStep(scenario, settings.step() / 2));
            runs.add(ScenarioVariants.withStep(scenario, settings.step() / 4));
        }

        VerifyReport.Builder report = new VerifyReport.Builder(source, scenario, method, digits, metric, runs.size());
        double[][][] trajectories = new double[runs.size()][][];
        for (int k = 0; k < runs.size(); k++) {
            TrajectoryRecorder recorder = new TrajectoryRecorder(n, d);
            long t0 = System.nanoTime();
            SolverStatistics stats = doubles.integrate(runs.get(k), recorder);
            report.doubleRun(k, runs.get(k).solver(), stats, seconds(t0));
            trajectories[k] = recorder.trajectory().frames();
            if (trajectories[k].length != frames) {
                throw new IllegalStateException("the double run gave " + trajectories[k].length + " frames, the grid has " + frames);
            }
        }

        long t0 = System.nanoTime();
        ReferenceResult reference = solveReference(source, ScenarioVariants.reference(scenario, digits), frame -> {
            double[] y = frame.toDoubleArray();
            int f = frame.index();
            double bound = TokenDistance.boundFromCoordinateError(frame.errorEstimate().doubleValue(), d);
            for (int k = 0; k < trajectories.length; k++) report.distance(k, f, frame.time(), FrameDeviation.between(trajectories[k][f], y, d, metric));
            report.referenceError(f, bound);
        });
        report.reference(reference, seconds(t0));

        if (method.fixedStep()) {
            t0 = System.nanoTime();
            try {
                ReferenceResult replay = ReferenceSolver.solve(ScenarioVariants.replay(scenario, method.key(), settings.step(), digits), frame -> {
                    double bound = TokenDistance.boundFromCoordinateError(frame.errorEstimate().doubleValue(), d);
                    report.replay(frame.index(), FrameDeviation.between(trajectories[0][frame.index()], frame.toDoubleArray(), d, metric), bound);
                });
                report.replayDone(replay, seconds(t0));
            } catch (IllegalArgumentException e) {
                // the reference says which schemes it replays (rkmk4 is not among them): the order check stands alone
                report.replayUnavailable(e.getMessage());
            }
        }
        return report.build();
    }

    static ReferenceResult solveReference(String source, Scenario s, org.attnflow.reference.ReferenceFrameHandler handler) {
        try {
            return ReferenceSolver.solve(s, handler);
        } catch (IllegalArgumentException e) {
            throw new InputException(source + ": the reference cannot run this scenario: " + e.getMessage(), e);
        }
    }

    static double seconds(long since) { return (System.nanoTime() - since) * 1e-9; }
}
