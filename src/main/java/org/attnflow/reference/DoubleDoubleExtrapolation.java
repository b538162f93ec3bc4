package org.attnflow.reference;

import java.util.IdentityHashMap;
import java.util.Map;

import org.apfloat.Apfloat;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.LayerNorm;

/**
 * {@link ExtrapolationIntegrator}'s algorithm in {@link DoubleDouble} arithmetic: the same tableau (n_j = 2(j + 1)
 * modified-midpoint substeps, Aitken–Neville), the same columns, order and step control (ODEX's factors, the same window
 * K−1..K+1, the same early rejection and work-per-step choice; {@link ExtrapolationIntegrator#columns},
 * {@link ExtrapolationIntegrator#amplificationDigits}), the same local error bound (max(‖T_jj − T_j,j−1‖∞, half the norm
 * drift)), the same I1 check after each step (drift ≤ 4·tol·(1 + ‖y‖∞) + rounding) and retraction. It differs in the
 * arithmetic only: u = {@link DoubleDouble#UNIT} = 2^-104 per operation in place of 10^{1−p}, so the rounding one step
 * can leave is r = u·10^{amplification} ({@link #roundingPerStep}), which the solver's estimate adds as R_f.
 *
 * <p>Used by {@link ReferenceSolver} when {@link #fits} the digits and {@link #supports} the model; the state crosses
 * to and from Apfloat at the save times only (to 48 digits; back to within 2^-106). The field is
 * {@link DoubleDoubleField} (not KeY-proved; cross-checked against the proved kernel by tests).
 */
final class DoubleDoubleExtrapolation implements Propagator {

    /** Decimal digits a state crosses to Apfloat with: 10^-48 relative, far below double-double's 2^-104. */
    private static final int EXACT_DIGITS = 48;

    private final ReferenceDynamics dynamics;
    private final WorkingPrecision precision;
    private final Map<ReferenceField, DoubleDoubleField> fields = new IdentityHashMap<>();
    private final int n;
    private final int d;
    private final int size; // doubles in a state: 2·n·d
    private final boolean sphere;
    private final double tolerance; // 10^-toleranceDigits (a double: only its ~16 leading digits matter)
    private final int columns;
    private final ExtrapolationControl control;
    private final double[][] neville; // interleaved double-doubles b/(a − b)
    private final double rounding; // u · 10^{amplification}
    private final double[] t = new double[2];
    private final double[] gx = new double[4]; // ⟨θ, A⟩ and ‖θ‖² of one token
    private final int keptBits; // the companion's state grid (significant bits), 0 for the reported solution

    private long steps;
    private long rejected;
    private double localErrors;
    private long evaluationsBefore;

    /**
     * @param toleranceDigits the local tolerance is 10^-toleranceDigits relative to 1 + ‖y‖∞ ({@link #fits} it)
     * @param companionOf     0 for the reported solution; for the companion, the reported solution's tolerance digits:
     *                        the companion then rounds its state after every step to {@link #companionGrid} of them
     */
    DoubleDoubleExtrapolation(ReferenceDynamics dynamics, int toleranceDigits, int companionOf) {
        if (!fits(toleranceDigits)) throw new IllegalArgumentException("a local tolerance of 10^-" + toleranceDigits + " does not fit in double-double");
        if (!supports(dynamics.model())) throw new IllegalArgumentException("the double-double reference does not support this model");
        this.dynamics = dynamics;
        this.precision = dynamics.precision();
        this.n = dynamics.tokens();
        this.d = dynamics.dimension();
        this.size = 2 * n * d;
        this.sphere = dynamics.onSphere();
        this.tolerance = Math.pow(10, -toleranceDigits);
        this.columns = ExtrapolationIntegrator.columns(toleranceDigits);
        this.rounding = DoubleDouble.UNIT * Math.pow(10, ExtrapolationIntegrator.amplificationDigits(columns));
        this.control = new ExtrapolationControl(toleranceDigits);
        this.neville = new double[columns][];
        for (int j = 0; j < columns; j++) {
            neville[j] = new double[2 * (j + 1)];
            for (int k = 1; k <= j; k++) {
                long a = (long) control.substeps(j) * control.substeps(j);
                long b = (long) control.substeps(j - k) * control.substeps(j - k);
                DoubleDouble.div(b, 0, a - b, 0, neville[j], 2 * k);
            }
        }
        this.keptBits = companionOf == 0 ? 0 : (int) Math.floor(-Math.log(companionGrid(companionOf)) / Math.log(2));
    }

    /**
     * The relative grid the companion's state is rounded to after every step: 1000× the reported solution's rounding per
     * step, u·10^{amplification + 3}. Why: the estimate's D_f = |companion − reported| bounds the reported error when the
     * companion is at least twice as inaccurate, and on Apfloat the companion carries 3 digits fewer for that. In
     * double-double both carry the same u, so their rounding errors are of one size, and where the flow amplifies
     * rounding (an unstable flow, as O2 at β = 20 near its equilibrium) D_f would not see it. Rounding the companion's state to a 1000× coarser grid restores the design: its rounding is
     * then 1000× the reported's bound, carried by the same flow.
     */
    static double companionGrid(int reportedToleranceDigits) {
        return 1000 * DoubleDouble.UNIT * Math.pow(10, ExtrapolationIntegrator.amplificationDigits(ExtrapolationIntegrator.columns(reportedToleranceDigits)));
    }

    /** The companion's rounding of every entry to {@link #keptBits} significant bits (exact: powers of two and rint). */
    private void coarsen(double[] x) {
        if (keptBits == 0) return;
        for (int e = 0; e < size; e += 2) {
            if (x[e] == 0) continue;
            double g = Math.scalb(Math.ulp(x[e]), 53 - keptBits);
            double lo = Math.rint(x[e + 1] / g) * g;
            double hi = x[e] + lo;
            x[e + 1] = lo - (hi - x[e]);
            x[e] = hi;
        }
    }

    /**
     * True when a local tolerance of 10^-toleranceDigits fits in double-double with the Apfloat extrapolation's margin:
     * {@link ExtrapolationIntegrator#neededDigits} ≤ {@link DoubleDouble#DIGITS}
     * (what {@link ExtrapolationIntegrator#guardDigits} asks of Apfloat's precision). Digits 12 (tolerance 10^-14,
     * the companion) and 15 (10^-17, the reported run) fit: 17 + 6 + 8 = 31; digits 16 do not.
     */
    static boolean fits(int toleranceDigits) {
        return ExtrapolationIntegrator.neededDigits(toleranceDigits) <= DoubleDouble.DIGITS;
    }

    /**
     * The models this tier evaluates: every geometry, mask, normalisation, head count and combination, and schedules of
     * weights, under the post-LN scheme only (no radius, no time-dependent speed); null if supported, else why not.
     */
    static String unsupported(AttentionModel model) {
        for (AttentionModel.Segment s : model.segments()) {
            if (s.scheme() != LayerNorm.POST) return "layer_norm " + s.scheme().key() + " runs on Apfloat only";
        }
        return null;
    }

    static boolean supports(AttentionModel model) { return unsupported(model) == null; }

    @Override
    public long steps() { return steps; }

    @Override
    public long rejected() { return rejected; }

    @Override
    public Apfloat localErrors() { return new Apfloat(localErrors, 5); }

    @Override
    public Apfloat roundingPerStep() { return new Apfloat(rounding, 5); }

    @Override
    public long digits() { return DoubleDouble.DIGITS; }

    /** Field evaluations of the double-double fields (the Apfloat fields of the dynamics are not evaluated). */
    @Override
    public long evaluations() {
        long e = 0;
        for (DoubleDoubleField f : fields.values()) e += f.evaluations();
        return e;
    }

    @Override
    public Apfloat[][] advance(Apfloat[][] start, double fromTime, double toTime, Apfloat from, Apfloat end) {
        ReferenceField apfloatField = dynamics.at(fromTime).field();
        DoubleDoubleField field = fields.computeIfAbsent(apfloatField, f -> new DoubleDoubleField(f.model(), n));
        double[] x = new double[size];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) DoubleDouble.of(start[i][c], x, 2 * (i * d + c));
        }
        Apfloat now = from;
        double[] f0 = null;
        ArithmeticException lastFailure = null;
        long p = precision.precision();
        while (now.compareTo(end) < 0) {
            Apfloat remainingA = end.subtract(now).precision(p);
            double[] remaining = new double[2];
            DoubleDouble.of(remainingA, remaining, 0);
            ExtrapolationControl.Attempt step = control.next(remaining[0]);
            double[] stepSize = step.lands() ? remaining : new double[] {step.proposal(), 0};
            if (f0 == null) {
                f0 = new double[size];
                tangentExtension(field, x, f0);
            }
            double[] next;
            try {
                next = attempt(field, x, f0, stepSize, step.shortened());
            } catch (ArithmeticException failure) {
                lastFailure = failure;
                if (!control.failed(stepSize[0], now.doubleValue())) throw failure;
                next = null;
            }
            if (next == null) {
                rejected++;
                continue;
            }
            x = next;
            f0 = null;
            now = step.lands() ? end : now.add(DoubleDouble.toApfloat(stepSize[0], stepSize[1], p));
            control.accepted(step, ++steps, now, lastFailure);
        }
        // at 48 digits, not the working precision (which may carry fewer digits than double-double: 23 at 9 digits)
        Apfloat[][] y = new Apfloat[n][d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) y[i][c] = DoubleDouble.toApfloat(x[2 * (i * d + c)], x[2 * (i * d + c) + 1], EXACT_DIGITS);
        }
        return y;
    }

    /** {@link ExtrapolationIntegrator}'s attempt, in double-double. */
    private double[] attempt(DoubleDoubleField field, double[] x, double[] f0, double[] stepSize, boolean shortened) {
        double scale = tolerance * (1 + maxAbs(x));
        control.begin(stepSize[0]);
        double[][] previous = null;
        int last = control.last();
        for (int j = 0; j <= last; j++) {
            double[][] row = new double[j + 1][];
            row[0] = midpoint(field, x, f0, stepSize, control.substeps(j));
            for (int k = 1; k <= j; k++) row[k] = extrapolate(row[k - 1], previous[k - 1], neville[j], 2 * k);
            previous = row;
            if (j == 0) continue;
            double localError = maxDifference(row[j], row[j - 1]);
            double err = localError / scale;
            if (control.mayAccept(j, shortened) && err <= 1) {
                double halfDrift = maxDrift(row[j]) / 2; // a lower bound of the error: the exact flow stays on the sphere
                if (halfDrift > localError) {
                    localError = halfDrift;
                    err = localError / scale;
                }
            }
            ExtrapolationControl.Verdict verdict = control.after(j, err, shortened);
            if (verdict == ExtrapolationControl.Verdict.ACCEPT) return accepted(row[j], localError, scale);
            if (verdict == ExtrapolationControl.Verdict.REJECT) return null;
        }
        throw new IllegalStateException("unreachable: the last column either accepts or rejects");
    }

    /** The accepted state, its local error added, I1 checked (drift ≤ 4·scale + rounding) and retracted on the sphere. */
    private double[] accepted(double[] state, double localError, double scale) {
        localErrors += localError;
        coarsen(state);
        if (!sphere) return state;
        double limit = 4 * scale + rounding;
        double retractAbove = 4.0 * (d + 4) * DoubleDouble.UNIT; // the rounding of a normalisation
        for (int i = 0; i < n; i++) {
            double drift = Math.abs(driftOf(state, i));
            if (drift > limit) {
                throw new InvariantViolation("I1", steps + 1, i, Double.toString(drift), "|‖x‖² − 1| exceeds " + limit
                        + ", twice the step's local error bound, after the step, before retraction (double-double)");
            }
            if (drift > retractAbove) {
                normSquared(state, i);
                DoubleDouble.sqrt(t[0], t[1], t, 0);
                double nh = t[0], nl = t[1];
                for (int c = 0; c < d; c++) {
                    int e = 2 * (i * d + c);
                    DoubleDouble.div(state[e], state[e + 1], nh, nl, state, e);
                }
            }
        }
        return state;
    }

    /** The modified midpoint rule with m substeps over a step of stepSize from y; f0 = f(y). */
    private double[] midpoint(DoubleDoubleField field, double[] y, double[] f0, double[] stepSize, int m) {
        DoubleDouble.div(stepSize[0], stepSize[1], m, 0, t, 0);
        double subH = t[0], subL = t[1];
        double twoH = 2 * subH, twoL = 2 * subL;
        double[] before = y;
        double[] current = new double[size];
        axpy(y, subH, subL, f0, current);
        double[] f = new double[size];
        for (int s = 1; s < m; s++) {
            tangentExtension(field, current, f);
            double[] next = new double[size];
            axpy(before, twoH, twoL, f, next);
            before = current;
            current = next;
        }
        return current;
    }

    /** The post-LN velocity with the tangent extension on the sphere, ‖θ‖²A − ⟨θ, A⟩θ; A itself in R^d. */
    private void tangentExtension(DoubleDoubleField field, double[] x, double[] out) {
        field.attend(x, out);
        if (!sphere) return;
        for (int i = 0; i < n; i++) {
            DoubleDouble.dot(x, i * d, out, i * d, d, gx, 0);
            DoubleDouble.dot(x, i * d, x, i * d, d, gx, 2);
            double gh = gx[0], gl = gx[1], xh = gx[2], xl = gx[3];
            for (int c = 0; c < d; c++) {
                int e = 2 * (i * d + c);
                DoubleDouble.mul(xh, xl, out[e], out[e + 1], t, 0);
                double ah = t[0], al = t[1];
                DoubleDouble.mul(gh, gl, x[e], x[e + 1], t, 0);
                DoubleDouble.sub(ah, al, t[0], t[1], out, e);
            }
        }
    }

    /** out = x + (hh + hl)·v. */
    private void axpy(double[] x, double hh, double hl, double[] v, double[] out) {
        for (int e = 0; e < size; e += 2) {
            DoubleDouble.mul(hh, hl, v[e], v[e + 1], t, 0);
            DoubleDouble.add(x[e], x[e + 1], t[0], t[1], out, e);
        }
    }

    /** T_{j,k} = T_{j,k−1} + c (T_{j,k−1} − T_{j−1,k−1}), c = coefficients[ci]. */
    private double[] extrapolate(double[] tk, double[] previous, double[] coefficients, int ci) {
        double[] r = new double[size];
        for (int e = 0; e < size; e += 2) {
            DoubleDouble.sub(tk[e], tk[e + 1], previous[e], previous[e + 1], t, 0);
            DoubleDouble.mul(coefficients[ci], coefficients[ci + 1], t[0], t[1], t, 0);
            DoubleDouble.add(tk[e], tk[e + 1], t[0], t[1], r, e);
        }
        return r;
    }

    /** max |a − b| (as a double: its leading digits are what the controller reads). */
    private double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int e = 0; e < size; e += 2) max = Math.max(max, Math.abs((a[e] - b[e]) + (a[e + 1] - b[e + 1])));
        return max;
    }

    private double maxAbs(double[] x) {
        double max = 0;
        for (int e = 0; e < size; e += 2) max = Math.max(max, Math.abs(x[e]));
        return max;
    }

    /** max_i |‖x_i‖² − 1| (0 in R^d). */
    private double maxDrift(double[] x) {
        if (!sphere) return 0;
        double max = 0;
        for (int i = 0; i < n; i++) max = Math.max(max, Math.abs(driftOf(x, i)));
        return max;
    }

    /** ‖x_i‖² − 1. */
    private double driftOf(double[] x, int i) {
        normSquared(x, i);
        return (t[0] - 1) + t[1];
    }

    /** ‖x_i‖² into t. */
    private void normSquared(double[] x, int i) {
        DoubleDouble.dot(x, i * d, x, i * d, d, t, 0);
    }
}
