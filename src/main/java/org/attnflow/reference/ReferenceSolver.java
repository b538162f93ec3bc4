package org.attnflow.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.integrate.StepPlan;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;

/**
 * The arbitrary-precision reference: the entry point for scenarios whose {@code solver.digits} is set.
 *
 * <ul>
 *   <li>{@code "method": "reference"}: Gragg–Bulirsch–Stoer extrapolation ({@link ExtrapolationIntegrator}) with
 *       local tolerance 10^-(digits+2);</li>
 *   <li>a {@link Method#replayable} method ({@code euler-postln}, {@code euler-projected}, {@code rk4}) with
 *       {@code step}: the double scheme replayed at working precision ({@link FixedStepReplay}).</li>
 * </ul>
 *
 * <p><b>Arithmetic</b> ({@link #arithmetic}): the extrapolation runs in double-double ({@link DoubleDoubleExtrapolation},
 * the same algorithm and estimate; its field is not the proved kernel but is tested against it) when the digits fit in it
 * (≤ 12) and the model is post-LN, on Apfloat otherwise; {@link ReferenceResult#arithmetic} names it.
 *
 * <p><b>Global error estimate</b> (proofs-notes/reference-method.md §3). Every run is made twice: a companion solution
 * exactly as asked (digits D) and the reported solution as if D + 3 digits had been asked (3 more digits of precision
 * and, for the extrapolation, a 1000× smaller tolerance). The estimate of frame f is
 * <pre>  E_f = C_f + R_f,   C_f = max(D_f, C_{f−1} + L_f),   C_0 = D_0</pre>
 * with D_f = max_{i,c} |companion_f − reported_f|, L_f the sum of the reported solution's local error bounds over its
 * steps since frame f − 1 (the extrapolation's ‖T_jj − T_j,j−1‖∞ of each accepted step, at least half its norm drift;
 * 0 for a replay), and R_f = (steps + 1)·r·(1 + max|reported_f|) its rounding (r per step: a few units of the last
 * digit times the tableau's amplification, {@link Propagator#roundingPerStep}).
 * <ul>
 *   <li>D_f bounds the reported error E_r whenever the companion is at least twice as inaccurate (|E_r| ≤ ½|E_c| ≤
 *       ½(D_f + |E_r|)); it is designed to be ~1000× as inaccurate.</li>
 *   <li>D_f alone fails when the two runs' errors coincide by accident: both accept the same extrapolation column on a
 *       step shortened to land on a save time, and D_f measures rounding only (issue 13 measured estimates 2335× below
 *       the true error that way). The carried term covers it: the error at frame f is the error at f − 1 carried by the
 *       flow plus the local errors made since; the carried part is at most C_{f−1} where the flow does not expand
 *       errors, and where it does, the companion's error (and so D_f) grows by the same factor to first order. So the
 *       estimate never falls below its previous value plus the new local errors.</li>
 * </ul>
 * Measured on every digit count 20..50 on O1 (β = 0.5, 9, 64) and O2 (n = 6, β = 20) against 70-digit oracles:
 * proofs-notes/reference-method.md §3 (EstimateSoundnessTest runs a sample).
 *
 * <p>The two solutions are independent and advance frame by frame, on two threads unless {@code solver.threads}
 * is 1 (the result is the same either way: each solution is deterministic). {@code solver.rtol} and
 * {@code solver.atol} do not apply: the tolerance follows from the digits.
 */
public final class ReferenceSolver {
    /** The reported solution is computed as if this many more digits had been asked. */
    static final int COMPANION_DIGITS = 3;
    /** The extrapolation's local tolerance is 10^-(digits + this): local errors add up over the steps. */
    static final int TOLERANCE_MARGIN = 2;

    private ReferenceSolver() {}

    /**
     * Runs the scenario at {@code solver.digits} decimal digits, calling {@code handler} once per save time
     * (frame 0 is the start, normalised at working precision on the sphere). Throws IllegalArgumentException
     * for settings that do not ask for arbitrary precision ({@code solver.digits} unset), {@link InvariantViolation}
     * when a runtime invariant fails.
     */
    public static ReferenceResult solve(Scenario scenario, ReferenceFrameHandler handler) {
        SolverSettings s = scenario.solver();
        Arithmetic arithmetic = s.arbitraryPrecision() ? arithmetic(s.method(), s.digits(), scenario.model()) : Arithmetic.apfloat("");
        return solve(scenario, handler, ReferenceField::new, arithmetic);
    }

    /** {@link #solve(Scenario, ReferenceFrameHandler)} on Apfloat fields made by {@code fields} (tests inject faulty ones). */
    static ReferenceResult solve(Scenario scenario, ReferenceFrameHandler handler, BiFunction<ReferenceModel, Integer, ReferenceField> fields) {
        return solve(scenario, handler, fields, Arithmetic.apfloat("a test's fields"));
    }

    /**
     * The arithmetic a run of {@code method} asked for {@code digits} on {@code model} uses: double-double
     * ({@link DoubleDoubleExtrapolation}) for the extrapolation when the reported solution's local tolerance,
     * 10^-(digits + {@value #COMPANION_DIGITS} + {@value #TOLERANCE_MARGIN}), fits in it with the Apfloat run's margin
     * ({@link DoubleDoubleExtrapolation#fits}: digits ≤ 12) and the model is supported (post-LN); Apfloat otherwise.
     */
    public static Arithmetic arithmetic(Method method, int digits, AttentionModel model) {
        if (method != Method.REFERENCE) return Arithmetic.apfloat("a replay of " + method.key() + " runs on Apfloat");
        int toleranceDigits = digits + COMPANION_DIGITS + TOLERANCE_MARGIN;
        if (!DoubleDoubleExtrapolation.fits(toleranceDigits)) {
            return Arithmetic.apfloat(digits + " digits (a local tolerance of 10^-" + toleranceDigits + " for the reported run) do not fit in double-double");
        }
        String unsupported = DoubleDoubleExtrapolation.unsupported(model);
        if (unsupported != null) return Arithmetic.apfloat(unsupported);
        return new Arithmetic(Arithmetic.DOUBLE_DOUBLE, digits + " digits (a local tolerance of 10^-" + toleranceDigits
                + " for the reported run) fit in double-double's 2^-104 with " + ExtrapolationIntegrator.GUARD_BEYOND_AMPLIFICATION
                + " digits beyond the tableau's rounding amplification");
    }

    /**
     * The arithmetic of a reference run and why it was chosen.
     *
     * @param name   {@value #DOUBLE_DOUBLE} or {@value #APFLOAT}
     * @param reason one line
     */
    public record Arithmetic(String name, String reason) {
        public static final String DOUBLE_DOUBLE = "double-double";
        public static final String APFLOAT = "apfloat";

        static Arithmetic apfloat(String reason) { return new Arithmetic(APFLOAT, reason); }

        boolean doubleDouble() { return DOUBLE_DOUBLE.equals(name); }
    }

    private static ReferenceResult solve(Scenario scenario, ReferenceFrameHandler handler, BiFunction<ReferenceModel, Integer, ReferenceField> fields,
                                         Arithmetic arithmetic) {
        SolverSettings settings = scenario.solver();
        if (!settings.arbitraryPrecision()) throw new IllegalArgumentException("solver.digits is not set: a double-precision run, not one for the reference");
        if (settings.method() == Method.ENCLOSURE) throw new IllegalArgumentException("method enclosure runs in org.attnflow.enclosure, not on the reference");
        WorkingPrecision asked = precision(settings.method(), settings.digits());
        Solution reported = new Solution(scenario, precision(settings.method(), settings.digits() + COMPANION_DIGITS), fields, arithmetic, 0);
        Solution companion = new Solution(scenario, asked, fields, arithmetic, reported.precision.digits() + TOLERANCE_MARGIN);
        TimeGrid grid = scenario.time();
        List<Apfloat> estimates = new ArrayList<>();
        boolean parallel = settings.threads() != 1 && Runtime.getRuntime().availableProcessors() > 1;
        ExecutorService helper = parallel ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reference-companion");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Estimate estimator = new Estimate();
            for (int f = 0; f < grid.frames(); f++) {
                if (f > 0) advanceBoth(companion, reported, f, helper);
                Apfloat estimate = estimator.next(companion.state, reported);
                estimates.add(estimate);
                handler.frame(new ReferenceFrame(f, grid.time(f), reported.times[f], States.copy(reported.dynamics.directions(reported.state)),
                        reported.dynamics.radii(reported.state), estimate));
            }
        } finally {
            if (helper != null) helper.shutdownNow();
        }
        return new ReferenceResult(settings.method(), asked.digits(), asked.guard(), reported.propagator.digits(),
                reported.propagator.steps(), reported.propagator.rejected(), reported.evaluations(),
                companion.propagator.steps(), companion.evaluations(), estimates, arithmetic.name(), arithmetic.reason());
    }

    private static void advanceBoth(Solution companion, Solution reported, int frame, ExecutorService helper) {
        if (helper == null) {
            companion.advanceTo(frame);
            reported.advanceTo(frame);
            return;
        }
        Future<?> other = helper.submit(() -> companion.advanceTo(frame));
        reported.advanceTo(frame);
        try {
            other.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The arithmetic of a run asked for {@code digits}: the extrapolation carries the guard digits its tableau's
     * rounding needs ({@link ExtrapolationIntegrator#guardDigits}), a replay the default.
     */
    static WorkingPrecision precision(Method method, int digits) {
        int guard = method == Method.REFERENCE ? ExtrapolationIntegrator.guardDigits(digits) : WorkingPrecision.DEFAULT_GUARD;
        return new WorkingPrecision(digits, guard);
    }

    /**
     * The estimate, frame by frame (see the class comment): E_f = C_f + R_f with C_f = max(D_f, C_{f−1} + L_f) and C_0 = D_0,
     * where D_f = max|companion_f − reported_f|, L_f the sum of the local error bounds of the reported solution's steps
     * since the previous frame, R_f its rounding bound.
     */
    private static final class Estimate {
        private Apfloat carried = Apfloat.ZERO; // C_{f−1}
        private Apfloat localErrorsBefore = Apfloat.ZERO; // the reported solution's Σ local errors at frame f − 1

        Apfloat next(Apfloat[][] companion, Solution reported) {
            WorkingPrecision p = reported.precision;
            Propagator r = reported.propagator;
            Apfloat rounding = p.of(r.steps() + 1).multiply(r.roundingPerStep()).multiply(p.of(1).add(States.maxAbs(reported.state)));
            Apfloat difference = States.maxDifference(companion, reported.state);
            Apfloat local = r.localErrors().subtract(localErrorsBefore);
            localErrorsBefore = r.localErrors();
            carried = ApfloatMath.max(difference, carried.add(local)).precision(5);
            return carried.add(rounding).precision(5);
        }
    }

    /** One of the two solutions: its precision, dynamics, propagator and current state. */
    private static final class Solution {
        final WorkingPrecision precision;
        final ReferenceDynamics dynamics;
        final Propagator propagator;
        final TimeGrid grid;
        final Apfloat[] times;
        final double[] switches;
        Apfloat[][] state;

        Solution(Scenario scenario, WorkingPrecision precision, BiFunction<ReferenceModel, Integer, ReferenceField> fields, Arithmetic arithmetic,
                 int companionOf) {
            this.precision = precision;
            this.dynamics = new ReferenceDynamics(scenario.model(), precision, scenario.tokens(), fields);
            this.propagator = arithmetic.doubleDouble() ? new DoubleDoubleExtrapolation(dynamics, precision.digits() + TOLERANCE_MARGIN, companionOf)
                    : propagator(scenario.solver(), dynamics, precision);
            this.grid = scenario.time();
            this.times = new Apfloat[grid.frames()];
            for (int f = 0; f < times.length; f++) times[f] = precision.ofTime(grid.time(f));
            this.switches = dynamics.switchTimes();
            this.state = dynamics.initialState(scenario.initial());
        }

        /** Field evaluations: the double-double fields' on that tier, the Apfloat fields' otherwise. */
        long evaluations() { return propagator.evaluations(); }

        /**
         * From the previous save time to frame's, through every switch time in between (the double integrators' stops,
         * {@link StepPlan#stops}): each piece is advanced by the propagator within one segment.
         */
        void advanceTo(int frame) {
            double[] stops = StepPlan.stops(grid.time(frame - 1), grid.time(frame), switches);
            try {
                for (int s = 1; s < stops.length; s++) {
                    Apfloat from = s == 1 ? times[frame - 1] : precision.ofTime(stops[s - 1]);
                    Apfloat to = s == stops.length - 1 ? times[frame] : precision.ofTime(stops[s]);
                    state = propagator.advance(state, stops[s - 1], stops[s], from, to);
                }
            } catch (InvariantViolation v) {
                throw v.step() < 0 ? v.atStep(propagator.steps() + 1) : v;
            }
        }

        /** The extrapolation for {@link Method#REFERENCE}, the scheme's replay for a replayable method. */
        private static Propagator propagator(SolverSettings s, ReferenceDynamics dynamics, WorkingPrecision precision) {
            if (s.method() == Method.REFERENCE) {
                return new ExtrapolationIntegrator(dynamics, precision.digits() + TOLERANCE_MARGIN);
            }
            return new FixedStepReplay(dynamics, s.method(), s.step()); // SolverSettings: a replayable method, with its step
        }
    }
}
