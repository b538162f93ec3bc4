package org.attnflow.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.attnflow.enclosure.EnclosureFailedException;
import org.attnflow.enclosure.EnclosureSettings;
import org.attnflow.enclosure.Enclosures;
import org.attnflow.model.Method;
import org.attnflow.integrate.FrameHandler;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.InputException;
import org.attnflow.io.Resources;
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
 *   <li>dopri5: the verdict is the {@link Dopri5Promise} at every frame, and the run repeated at rtol/10, atol/10 must
 *       come closer to the reference by the {@link ToleranceProportionality} factor.</li>
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

    /**
     * Hears how far {@code verify} has got: each of its runs as it starts ({@code what}: "dopri5 run 1 of 2",
     * "reference, 20 digits"; the scenario it runs) and each saved frame of it. For progress bars and estimates.
     */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void run(String what, Scenario scenario) { }

            @Override
            public void frame(int index, double t) { }
        };

        void run(String what, Scenario scenario);

        void frame(int index, double t);
    }

    /** Runs the checks; {@code source} names the scenario in the report. */
    public static VerifyReport verify(String source, Scenario scenario, int digits, DoubleSolver doubles) {
        return verify(source, scenario, digits, doubles, Listener.NONE, false);
    }

    /** {@link #verify(String, Scenario, int, DoubleSolver)}, telling {@code listener} how far it has got. */
    public static VerifyReport verify(String source, Scenario scenario, int digits, DoubleSolver doubles, Listener listener) {
        return verify(source, scenario, digits, doubles, listener, false);
    }

    /**
     * {@link #verify(String, Scenario, int, DoubleSolver, Listener)}, the exact solution taken from the reference (an
     * estimate of its error) or, with {@code enclosure}, from proved boxes ({@link Method#ENCLOSURE} at {@code digits}):
     * distances are measured to the boxes' midpoints and the error bound of each frame is the boxes' proved size.
     */
    public static VerifyReport verify(String source, Scenario scenario, int digits, DoubleSolver doubles, Listener listener, boolean enclosure) {
        SolverSettings settings = scenario.solver();
        Method method = settings.method();
        if (settings.arbitraryPrecision() || !method.runsInDouble()) {
            throw new InputException(source + ": solver is the arbitrary-precision reference (method " + method.key()
                    + ", digits " + settings.digits() + "): verify checks a double-precision method against it; remove solver.digits and choose a double method");
        }

        int frames = scenario.time().frames();
        if (frames < 2) throw new InputException(source + ": the scenario saves only its initial state (time.end = 0): nothing to verify");
        // built before any work, so that digits below SolverSettings.MIN_DIGITS are refused first
        Scenario referenceRun = ScenarioVariants.reference(scenario, digits);
        if (enclosure) {
            String why = Method.ENCLOSURE.unsupported(scenario.model(), scenario.tokens());
            if (why != null) throw new InputException(source + ": --against enclosure: " + why);
            String digitsWrong = Method.enclosureDigitsOutOfRange(digits);
            if (digitsWrong != null) throw new InputException("--digits: " + digitsWrong);
        }
        int n = scenario.tokens(), d = scenario.dimension();
        TokenDistance metric = TokenDistance.of(scenario.model().geometry());
        // bounds before any work: the derived runs' steps and tolerances, and the memory of the double runs held
        if (method.fixedStep()) {
            String many = SolverSettings.tooManySteps(scenario.time().end(), settings.step() / 4);
            if (many != null) throw new InputException(source + ": solver.step: verify also runs the scheme at h/4: " + many);
        } else if (settings.rtol() / ToleranceProportionality.TIGHTENING < SolverSettings.MIN_RTOL) {
            double k = ToleranceProportionality.TIGHTENING;
            throw new InputException(String.format(Locale.ROOT, "%s: solver.rtol: verify reruns at rtol/%.0f, and a tolerance %s; give rtol >= %.2g",
                    source, k, SolverSettings.tooSmallRtol(settings.rtol() / k), k * SolverSettings.MIN_RTOL));
        }
        int held = method.fixedStep() ? 3 : 2;
        Resources.requireHeap(held * (double) frames * (8.0 * n * d + 24), String.format(Locale.ROOT,
                "verify holds %d double runs of %d frames x %d tokens x %d coordinates", held, frames, n, d), "save fewer frames (time.save_every)");
        List<Scenario> runs = new ArrayList<>();
        runs.add(scenario);
        if (method.fixedStep()) {
            runs.add(ScenarioVariants.withStep(scenario, settings.step() / 2));
            runs.add(ScenarioVariants.withStep(scenario, settings.step() / 4));
        } else {
            double k = ToleranceProportionality.TIGHTENING;
            runs.add(ScenarioVariants.withTolerances(scenario, settings.rtol() / k, settings.atol() / k));
        }

        double[][] distance = new double[runs.size()][frames];
        int[][] worst = new int[runs.size()][frames];
        List<VerifyMeasurements.DoubleRun> doubleRuns = new ArrayList<>();
        double[][][] trajectories = new double[runs.size()][][];
        double[][][] radii = new double[runs.size()][frames][]; // null entries without radii
        for (int k = 0; k < runs.size(); k++) {
            TrajectoryRecorder recorder = new TrajectoryRecorder(n, d);
            long t0 = System.nanoTime();
            listener.run(String.format(Locale.ROOT, "%s run %d of %d", method.key(), k + 1, runs.size()), runs.get(k));
            SolverStatistics stats = doubles.integrate(runs.get(k), new FrameHandler() {
                @Override
                public void frame(int index, double t, double[] x) {
                    recorder.frame(index, t, x);
                    listener.frame(index, t);
                }

                @Override
                public void frame(int index, double t, double[] x, double[] radius) {
                    recorder.frame(index, t, x, radius); // the radii of schemes that carry them
                    listener.frame(index, t);
                }
            });
            doubleRuns.add(new VerifyMeasurements.DoubleRun(runs.get(k).solver(), stats, seconds(t0)));
            trajectories[k] = recorder.trajectory().frames();
            for (int f = 0; f < trajectories[k].length && f < frames; f++) radii[k][f] = recorder.trajectory().radius(f);
            if (trajectories[k].length != frames) {
                throw new IllegalStateException("the double run gave " + trajectories[k].length + " frames, the grid has " + frames);
            }
        }

        double[] referenceError = new double[frames];
        long t0 = System.nanoTime();
        ReferenceResult reference;
        if (enclosure) {
            List<org.apfloat.Apfloat> sizes = new ArrayList<>();
            long steps;
            try {
                listener.run("enclosure, " + digits + " digits", ScenarioVariants.withSolver(scenario,
                        new SolverSettings(Method.ENCLOSURE, null, settings.rtol(), settings.atol(), digits, settings.field(), 0)));
                steps = Enclosures.solve(scenario.model(), scenario.initial().points(), scenario.time(), EnclosureSettings.DEFAULT.withDigits(digits), box -> {
                    int f = box.index();
                    listener.frame(f, box.time());
                    double[] y = box.midpoints();
                    for (int k = 0; k < trajectories.length; k++) {
                        FrameDeviation deviation = FrameDeviation.between(trajectories[k][f], y, d, metric);
                        distance[k][f] = deviation.max();
                        worst[k][f] = deviation.worstToken();
                    }
                    double size = 0;
                    for (int i = 0; i < n; i++) size = Math.max(size, BoxDistance.size(box, i, metric));
                    referenceError[f] = size;
                    sizes.add(new org.apfloat.Apfloat(size));
                });
            } catch (EnclosureFailedException e) {
                throw new ArithmeticException(e.getMessage());
            }
            reference = new ReferenceResult(Method.ENCLOSURE, digits, 0, digits, steps, 0, steps, 0, 0, sizes, "apfloat", "interval enclosure");
        } else {
            listener.run("reference, " + digits + " digits", referenceRun);
            reference = ReferenceSolver.solve(referenceRun, frame -> {
                listener.frame(frame.index(), frame.time());
                double[] y = frame.toDoubleArray();
                int f = frame.index();
                for (int k = 0; k < trajectories.length; k++) {
                    FrameDeviation deviation = FrameDeviation.between(trajectories[k][f], radii[k][f], y, frame.radiusDoubles(), d, metric);
                    distance[k][f] = deviation.max();
                    worst[k][f] = deviation.worstToken();
                }
                referenceError[f] = TokenDistance.boundFromCoordinateError(frame.errorEstimate().doubleValue(), d);
            });
        }
        VerifyMeasurements.Timed referenceTimed = new VerifyMeasurements.Timed(reference, seconds(t0));

        VerifyMeasurements.Replay replay = null;
        String replayUnavailable = null;
        if (method.replayable()) {
            double[] deviation = new double[frames], error = new double[frames];
            t0 = System.nanoTime();
            Scenario replayRun = ScenarioVariants.replay(scenario, method, settings.step(), digits);
            listener.run(method.key() + " replayed at " + digits + " digits", replayRun);
            ReferenceResult replayed = ReferenceSolver.solve(replayRun, frame -> {
                listener.frame(frame.index(), frame.time());
                deviation[frame.index()] = FrameDeviation.between(trajectories[0][frame.index()], radii[0][frame.index()], frame.toDoubleArray(),
                        frame.radiusDoubles(), d, metric).max();
                error[frame.index()] = TokenDistance.boundFromCoordinateError(frame.errorEstimate().doubleValue(), d);
            });
            replay = new VerifyMeasurements.Replay(new VerifyMeasurements.Timed(replayed, seconds(t0)), deviation, error);
        } else if (method.fixedStep()) {
            // the order check stands alone
            replayUnavailable = "method " + method.key() + " has no arbitrary-precision replay (only " + Method.keys(Method.replayableMethods(), ", ") + " have)";
        }
        VerifyMeasurements measured = new VerifyMeasurements(source, scenario, digits, metric, scenario.time().times(), doubleRuns,
                distance, worst, referenceError, referenceTimed, replay, replayUnavailable);
        return new VerifyReport(measured, decide(measured));
    }

    // ------------------------------------------------------------------ the verdict

    /** The verdict on the measurements: dopri5's promise and proportionality, or the order and the replay. */
    static VerifySummary decide(VerifyMeasurements m) {
        List<String> reasons = new ArrayList<>();
        if (m.method().fixedStep()) {
            ConvergenceOrder order = observeOrder(m);
            // the public simulator's steps are consistent with another ODE than the model's (spec/math.md §7.4: their
            // radius update): no order against the model's flow is promised; the replay is their check
            if (m.method().publicScheme() == null) checkOrder(m, order, reasons);
            checkReplay(m, reasons);
            return new VerifySummary(reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL, reasons, order, null, null);
        }
        Dopri5Promise promise = new Dopri5Promise(m.settings().rtol(), m.settings().atol());
        checkPromise(m, promise, reasons);
        ToleranceProportionality proportionality = proportionality(m, promise);
        if (!proportionality.holds()) {
            reasons.add(String.format(Locale.ROOT, "rerun at rtol/%.0f, atol/%.0f, the largest distance falls only from %s to %s (by %.2f < %.2f): "
                            + "the run does not follow its tolerance", ToleranceProportionality.TIGHTENING, ToleranceProportionality.TIGHTENING,
                    Format.e(proportionality.error()), Format.e(proportionality.tighterError()), proportionality.drop(),
                    ToleranceProportionality.REQUIRED_DROP));
        }
        return new VerifySummary(reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL, reasons, null, promise, proportionality);
    }

    private static void checkPromise(VerifyMeasurements m, Dopri5Promise promise, List<String> reasons) {
        double[] times = m.times();
        int beyond = 0, first = -1, vague = -1;
        for (int f = 0; f < times.length; f++) {
            double p = promise.at(times[f]);
            if (!(m.distance()[0][f] <= p)) {
                beyond++;
                if (first < 0) first = f;
            }
            if (vague < 0 && !(m.referenceError()[f] <= p / REFERENCE_MARGIN)) vague = f;
        }
        if (first >= 0) {
            reasons.add(String.format(Locale.ROOT, "%d of %d frames beyond the promise, first frame %d (t = %s): distance %s > %s = %s",
                    beyond, times.length, first, Format.g(times[first]), Format.e(m.distance()[0][first]), promise.formula(),
                    Format.e(promise.at(times[first]))));
        }
        if (vague >= 0) {
            reasons.add(String.format(Locale.ROOT, "the reference's error bound %s at frame %d is not %d times below the promise %s: raise --digits",
                    Format.e(m.referenceError()[vague]), vague, (int) REFERENCE_MARGIN, Format.e(promise.at(times[vague]))));
        }
    }

    private static ToleranceProportionality proportionality(VerifyMeasurements m, Dopri5Promise promise) {
        double error = 0, tighter = 0, fraction = 0;
        for (int f = 1; f < m.times().length; f++) {
            error = Math.max(error, m.distance()[0][f]);
            tighter = Math.max(tighter, m.distance()[1][f]);
            fraction = Math.max(fraction, m.distance()[0][f] / promise.at(m.times()[f]));
        }
        double floor = Math.max(ConvergenceOrder.roundingFloor(m.runs().get(1).statistics().steps()), REFERENCE_MARGIN * Format.max(m.referenceError()));
        return new ToleranceProportionality(error, tighter, floor, fraction);
    }

    private static ConvergenceOrder observeOrder(VerifyMeasurements m) {
        int runs = m.distance().length;
        double[] steps = new double[runs], errors = new double[runs], floors = new double[runs];
        for (int k = 0; k < runs; k++) {
            steps[k] = m.runs().get(k).settings().step();
            for (int f = 1; f < m.times().length; f++) errors[k] = Math.max(errors[k], m.distance()[k][f]);
            floors[k] = ConvergenceOrder.roundingFloor(m.runs().get(k).statistics().steps());
        }
        return ConvergenceOrder.observe(steps, errors, floors, m.method().order());
    }

    private static void checkOrder(VerifyMeasurements m, ConvergenceOrder order, List<String> reasons) {
        if (!order.matches()) {
            reasons.add(order.measurable()
                    ? String.format(Locale.ROOT, "observed order %.3f is not the nominal order %d of %s (±%.1f)", order.order(), order.nominal(),
                            m.method().key(), ConvergenceOrder.ORDER_TOLERANCE)
                    : "the order is not measurable: the errors " + Arrays.toString(order.errors()) + " do not decrease above the rounding level");
        }
        // the smallest error the verdict relies on must stand well above the reference's own error
        double relied = order.measurable() ? order.errors()[order.used() + 1] : order.floors()[0];
        double worstReference = Format.max(m.referenceError());
        if (!(worstReference <= relied / REFERENCE_MARGIN)) {
            reasons.add(String.format(Locale.ROOT, "the reference's error bound %s is not %d times below the error %s it measures: raise --digits",
                    Format.e(worstReference), (int) REFERENCE_MARGIN, Format.e(relied)));
        }
    }

    private static void checkReplay(VerifyMeasurements m, List<String> reasons) {
        if (m.replay() == null) return;
        double[] deviation = m.replay().deviation();
        double dev = Format.max(deviation);
        if (!(dev <= Validation.DEFAULT_TOLERANCE)) {
            int f = 0;
            while (f < m.times().length && deviation[f] <= Validation.DEFAULT_TOLERANCE) f++;
            reasons.add(String.format(Locale.ROOT, "the double run at h deviates from the %s scheme replayed at %d digits by %s > %s (from frame %d): it is not that scheme up to rounding",
                    m.method().key(), m.digits(), Format.e(dev), Format.e(Validation.DEFAULT_TOLERANCE), f));
        }
        double error = Format.max(m.replay().error());
        if (!(error <= Validation.DEFAULT_TOLERANCE / REFERENCE_MARGIN)) {
            reasons.add("the replay's error bound " + Format.e(error) + " is too large to judge rounding: raise --digits");
        }
    }

    static double seconds(long since) { return (System.nanoTime() - since) * 1e-9; }
}
