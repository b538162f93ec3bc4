package org.attnflow.reference;

import java.util.Locale;

import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;

/**
 * A rough cost model of an arbitrary-precision run, to say <i>before</i> it starts how long it will take
 * ({@code verify}, {@code validate}, {@code simulate} with digits). Within a factor of a few, not more: the step
 * count of the extrapolation adapts to the dynamics.
 *
 * <ul>
 *   <li><b>Steps</b>: the extrapolation lands on every save time, so at least one step per frame interval, and
 *       about 2·√(1 + β) per unit time between them (the interaction time scale is β^{-1/2}); a replayed fixed-step
 *       scheme takes time.end / h steps.</li>
 *   <li><b>Field evaluations per step</b> (with the companion run behind the error estimate): about
 *       68·(digits / 20)^2.8 for the extrapolation (its order, and so its tableau, grows with the digits;
 *       measured 68 at 20 digits and 930 at 50), the scheme's stages ×2 for a replay.</li>
 *   <li><b>Per evaluation</b>: the pairs the mask keeps (n² full, n(n + 1)/2 causal: {@link
 *       org.attnflow.model.Mask#pairs}), each d products and an exponential at digits + 10 digits: about
 *       {@value #PAIR_SECONDS} s per pair at 30 digits, growing as (precision / 30)^1.6 (Apfloat's multiplication
 *       below the FFT range), plus one second of start-up.</li>
 * </ul>
 * Calibrated on this project's machines (2 cores, JDK 25): M3 (causal), n = 32, d = 2, β = 9, t ≤ 2, 20 digits took
 * 47.5 s (model 46–48 s for 20–21 frames); M1 (full), n = 32, d = 3, β = 4, 50 frames to t = 5, 12 digits, 35.8 s on
 * Apfloat (the model's Apfloat figure 37 s; when causal runs were counted as n² pairs too, the constant was half and
 * this figure 20 s). End to end on the AVX-512 machine of 2026-12-02, save_every 0.5: n = 16, d = 2, β = 9, t ≤ 1,
 * 20 digits, full 5.9 s (model 8.3 s) and causal 4.1 s (4.9 s); n = 4, β = 4, 50 digits, full 4.4 s (13.7 s) and
 * causal 3.6 s (8.9 s): at 50 digits the model is 2.5–3.1× high. A run in double-double
 * ({@link ReferenceSolver#arithmetic}) costs {@value #DOUBLE_DOUBLE_SPEEDUP}× less per pair: M1, n = 32, d = 3, β = 4, 50
 * frames to t = 5 at 12 digits, 35.8 s on Apfloat, 1.9 s in double-double (19×; 13–19× measured).
 */
public final class ReferenceCost {
    /** Seconds per token pair per field evaluation at 30 digits of working precision (d = 2). */
    static final double PAIR_SECONDS = 66e-6;
    static final double STARTUP_SECONDS = 1;
    /** How much cheaper a double-double evaluation is than an Apfloat one at the same digits (measured, above). */
    static final double DOUBLE_DOUBLE_SPEEDUP = 15;

    private ReferenceCost() {}

    /** Estimated wall-clock seconds of the arbitrary-precision run of {@code s} (its method, digits and step). */
    public static double seconds(Scenario s) {
        SolverSettings solver = s.solver();
        int digits = solver.digits() == null ? SolverSettings.MIN_DIGITS : solver.digits();
        double end = s.time().end();
        double stepsAndEvaluations;
        if (solver.method() == Method.REFERENCE || solver.step() == null) {
            double beta = Math.abs(s.model().betaDouble());
            double steps = Math.max(s.time().frames() - 1, 2 * end * Math.sqrt(1 + beta));
            stepsAndEvaluations = steps * 68 * Math.pow(digits / 20.0, 2.8);
        } else {
            double steps = Math.ceil(end / solver.step()) + s.time().frames();
            stepsAndEvaluations = steps * 2 * Math.max(1, solver.method().order());
        }
        double pairs = s.model().mask().pairs(s.tokens()), d = s.dimension();
        double perPair = PAIR_SECONDS * Math.pow((digits + WorkingPrecision.DEFAULT_GUARD) / 30.0, 1.6) * (d + 8) / 10;
        if (ReferenceSolver.arithmetic(solver.method(), digits, s.model()).doubleDouble()) perPair /= DOUBLE_DOUBLE_SPEEDUP;
        return STARTUP_SECONDS + stepsAndEvaluations * pairs * perPair;
    }

    /** A duration for people: "40 s", "12 min", "3.5 h", "2.1 days". */
    public static String duration(double seconds) {
        if (seconds < 90) return String.format(Locale.ROOT, "%.0f s", Math.max(1, seconds));
        if (seconds < 90 * 60) return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        if (seconds < 36 * 3600) return String.format(Locale.ROOT, "%.2g h", seconds / 3600);
        return String.format(Locale.ROOT, "%.2g days", seconds / 86400);
    }
}
