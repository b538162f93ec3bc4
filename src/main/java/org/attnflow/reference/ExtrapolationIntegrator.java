package org.attnflow.reference;

import org.apfloat.Apfloat;

/**
 * Gragg–Bulirsch–Stoer extrapolation at working precision, with order and step control (Hairer, Nørsett &
 * Wanner, <i>Solving ODEs I</i>, §II.9, the controller of their code ODEX). Why this method for the reference is
 * argued in {@code proofs-notes/reference-method.md}: in short, its order is a run-time choice (orders 40–60
 * are what 30–50 digits want, and no fixed Runge–Kutta tableau offers them), it needs only field evaluations
 * (no Taylor coefficients of the softmax), and its tableau yields a local error estimate for free.
 *
 * <p>One step of size H from y: row j of the tableau is the modified midpoint rule with n_j = 2(j+1) substeps
 * (z_0 = y, z_1 = z_0 + (H/n) f(z_0), z_{m+1} = z_{m−1} + 2(H/n) f(z_m), T_{j,0} = z_n), whose error expands in
 * even powers of H/n (Gragg); Aitken–Neville extrapolation to H → 0 gives
 * T_{j,k} = T_{j,k−1} + (T_{j,k−1} − T_{j−1,k−1}) / ((n_j/n_{j−k})² − 1), of order 2k+2. The difference
 * ‖T_{j,j} − T_{j,j−1}‖ estimates the local error of T_{j,j−1}; the step accepts T_{j,j} when that estimate is
 * at most tol·(1 + ‖y‖∞) (local extrapolation, as ODEX). The controller tries the columns K−1, K, K+1 around a
 * target K, rejects early when convergence in that window is not to be expected, and moves K to the column of
 * least work per unit step.
 *
 * <p>On the sphere every accepted step is checked for I1 and retracted ({@link NormInvariant}), and the radii of a
 * normalisation scheme for I8 ({@link ReferenceDynamics#retract}). Steps land exactly on the end time of
 * {@link #advance} (the save times and the switch times), so frames need no interpolation. The field is evaluated at
 * each substep's time (it depends on t under ln-scaling). An attempt on which the field fails (a radius or an
 * attention output reaching 0 at a far-off substep: I8, I9) is rejected like a step of too large an error; when the
 * step size collapses under such failures, the last one is the run's failure.
 */
final class ExtrapolationIntegrator implements Propagator {

    /** Guard digits beyond the rounding amplification of the tableau (see {@link #guardDigits}). */
    static final int GUARD_BEYOND_AMPLIFICATION = 6;

    private final ReferenceDynamics dynamics;
    private final WorkingPrecision precision;
    private final Apfloat tolerance;
    private final int columns;
    private final ExtrapolationControl control;
    private final Apfloat[][] neville; // neville[j][k] = 1 / ((n_j/n_{j−k})² − 1)
    private final Apfloat one;
    private final Apfloat two;
    private final Apfloat four;
    private final Apfloat rounding; // the rounding one step can leave, relative: amplification · 10^{1−p}
    private final long p;

    private long steps;
    private long rejected;
    private Apfloat localErrors = Apfloat.ZERO;

    /**
     * @param toleranceDigits the local error allowed per step is 10^-toleranceDigits relative to 1 + ‖y‖∞; the
     *                        precision must carry {@link #guardDigits} beyond it
     */
    ExtrapolationIntegrator(ReferenceDynamics dynamics, int toleranceDigits) {
        this.dynamics = dynamics;
        this.precision = dynamics.precision();
        this.p = precision.precision();
        long needed = neededDigits(toleranceDigits);
        if (p < needed) {
            throw new IllegalArgumentException("precision " + p + " is too low for a local tolerance of 10^-" + toleranceDigits
                    + ": the tableau's rounding needs " + needed + " digits");
        }
        this.tolerance = precision.tenToMinus(toleranceDigits);
        this.one = precision.of(1);
        this.two = precision.of(2);
        this.four = precision.of(4);
        // the work per unit step is least near column 0.58·log10(1/tol) (k² evaluations against tol^{-1/2k});
        // allow some room above it for the controller (ExtrapolationControl)
        this.columns = columns(toleranceDigits);
        this.rounding = precision.tenToMinus(p - 1).multiply(new Apfloat(Math.pow(10, amplificationDigits(columns)), 5)).precision(5);
        this.control = new ExtrapolationControl(toleranceDigits);
        this.neville = new Apfloat[columns][];
        for (int j = 0; j < columns; j++) {
            neville[j] = new Apfloat[j + 1];
            for (int k = 1; k <= j; k++) {
                long a = (long) control.substeps(j) * control.substeps(j);
                long b = (long) control.substeps(j - k) * control.substeps(j - k);
                neville[j][k] = precision.of(b).divide(precision.of(a - b)); // 1/((n_j/n_{j−k})² − 1) = b/(a − b)
            }
        }
    }

    /** Columns of the tableau for a local tolerance of 10^-toleranceDigits (orders up to 2·columns). */
    static int columns(int toleranceDigits) {
        return Math.max(6, (int) Math.ceil(0.6 * Math.max(1, toleranceDigits)) + 4);
    }

    /**
     * log10 of how much the tableau's last column can amplify the rounding of its first: the Lebesgue constant
     * L_k = Σ_j |Π_{i≠j} x_i/(x_i − x_j)| of the polynomial extrapolation to 0 from the nodes x_j = 1/n_j² (L_k grows
     * like 10^{0.35k}: 1.2·10^3 at k = 10, 3.3·10^6 at 20, 3.3·10^13 at 40), times the n_k substeps whose roundings
     * add up in the first column, times the k + 1 roundings of the Neville steps.
     */
    static double amplificationDigits(int columns) {
        int k = columns - 1;
        double lebesgue = 0;
        for (int j = 0; j <= k; j++) {
            double c = 1;
            double xj = 1.0 / (4.0 * (j + 1) * (j + 1));
            for (int i = 0; i <= k; i++) {
                if (i == j) continue;
                double xi = 1.0 / (4.0 * (i + 1) * (i + 1));
                c *= xi / (xi - xj);
            }
            lebesgue += Math.abs(c);
        }
        return Math.log10(lebesgue * 2 * (k + 1) * (k + 1));
    }

    /**
     * Guard digits for an extrapolation asked for {@code digits} (local tolerance 10^-(digits + 2)): enough that the
     * tableau's amplified rounding ({@link #amplificationDigits}) stays {@value #GUARD_BEYOND_AMPLIFICATION} digits
     * below the tolerance, and never fewer than {@link WorkingPrecision#DEFAULT_GUARD}. Without them the high columns that
     * 40–100 digits want amplify rounding past the tolerance: the error estimate of every step is rounding, no step is
     * accepted, and the step size collapses (measured: 100 digits did not finish in 10 minutes; 60 digits stopped on
     * I1 after the first step).
     */
    static int guardDigits(int digits) {
        return Math.max(WorkingPrecision.DEFAULT_GUARD, neededDigits(digits + ReferenceSolver.TOLERANCE_MARGIN) - digits);
    }

    /**
     * The precision a local tolerance of 10^-toleranceDigits needs: the tolerance's digits, the tableau's amplified
     * rounding ({@link #amplificationDigits} of its {@link #columns}) and {@value #GUARD_BEYOND_AMPLIFICATION} digits
     * beyond, whatever the arithmetic (Apfloat's precision, or double-double's {@link DoubleDouble#DIGITS}).
     */
    static int neededDigits(int toleranceDigits) {
        return toleranceDigits + GUARD_BEYOND_AMPLIFICATION + (int) Math.ceil(amplificationDigits(columns(toleranceDigits)));
    }

    @Override
    public long steps() { return steps; }

    @Override
    public long evaluations() { return dynamics.evaluations(); }

    @Override
    public long digits() { return precision.precision(); }

    @Override
    public long rejected() { return rejected; }

    /** Σ over the accepted steps of their local error bound, max(‖T_jj − T_j,j−1‖∞, max_i |‖θ_i‖² − 1|/2). */
    @Override
    public Apfloat localErrors() { return localErrors; }

    @Override
    public Apfloat roundingPerStep() { return rounding; }

    /** Integrates x from {@code from} to {@code end}, landing exactly on {@code end}; returns the final state. */
    @Override
    public Apfloat[][] advance(Apfloat[][] x, double fromTime, double toTime, Apfloat from, Apfloat end) {
        ReferenceDynamics.Segment field = dynamics.at(fromTime);
        Apfloat now = from;
        Apfloat[][] f0 = null; // f(x), kept across rejected attempts from the same x
        ArithmeticException lastFailure = null;
        while (now.compareTo(end) < 0) {
            Apfloat remaining = end.subtract(now).precision(p); // times are exact decimals: no digit is lost
            ExtrapolationControl.Attempt step = control.next(remaining.doubleValue());
            Apfloat size = step.lands() ? remaining : precision.ofTime(step.proposal());
            if (f0 == null) {
                f0 = States.like(x);
                field.tangentExtension(now, x, f0);
            }
            Apfloat[][] next;
            try {
                next = attempt(field, now, x, f0, size, step.shortened());
            } catch (ArithmeticException failure) {
                // the field failed at a substep (I8, I9): too long a step, or the solution itself reaches the failure
                lastFailure = failure;
                if (!control.failed(hd(size), now.doubleValue())) throw failure;
                next = null;
            }
            if (next == null) {
                rejected++;
                continue;
            }
            x = next;
            f0 = null;
            now = step.lands() ? end : now.add(size);
            control.accepted(step, ++steps, now, lastFailure);
        }
        return x;
    }

    private static double hd(Apfloat size) { return size.doubleValue(); }

    /**
     * One attempt at a step of {@code size} from x (f0 = f(x)): the accepted, retracted state, or null when the
     * step is rejected. Either way h and the target column are updated for the next attempt. A step
     * {@code shortened} to land on a save time is accepted at the first column from 2 on that meets the
     * tolerance: the order chosen for the full step would be wasted on it, and the controller keeps its
     * choice for the steps after.
     */
    private Apfloat[][] attempt(ReferenceDynamics.Segment field, Apfloat now, Apfloat[][] x, Apfloat[][] f0, Apfloat size, boolean shortened) {
        Apfloat scale = tolerance.multiply(one.add(States.maxAbs(x)));
        control.begin(size.doubleValue());
        Apfloat[][][] previous = null;
        int last = control.last();
        for (int j = 0; j <= last; j++) {
            Apfloat[][][] row = new Apfloat[j + 1][][];
            row[0] = midpoint(field, now, x, f0, size, control.substeps(j));
            for (int k = 1; k <= j; k++) row[k] = extrapolate(row[k - 1], previous[k - 1], neville[j][k], p);
            previous = row;
            if (j == 0) continue;
            Apfloat localError = States.maxDifference(row[j], row[j - 1]);
            double err = localError.divide(scale).doubleValue();
            if (control.mayAccept(j, shortened) && err <= 1) {
                // the exact flow stays on the sphere: half the norm drift of T_jj is a lower bound of its error
                Apfloat halfDrift = dynamics.maxDrift(row[j]).divide(two);
                if (halfDrift.compareTo(localError) > 0) {
                    localError = halfDrift;
                    err = localError.divide(scale).doubleValue();
                }
            }
            ExtrapolationControl.Verdict verdict = control.after(j, err, shortened);
            if (verdict == ExtrapolationControl.Verdict.ACCEPT) return accepted(row[j], localError, scale, now.add(size));
            if (verdict == ExtrapolationControl.Verdict.REJECT) return null;
        }
        throw new IllegalStateException("unreachable: the last column either accepts or rejects");
    }

    /**
     * The accepted state at time t, its local error bound added to {@link #localErrors}, checked for I1 (its norm
     * drift at most twice the bound the step was accepted with, 2·tol·(1 + ‖y‖∞), plus rounding) and retracted on the
     * sphere, its radii checked for I8.
     */
    private Apfloat[][] accepted(Apfloat[][] state, Apfloat localError, Apfloat scale, Apfloat t) {
        localErrors = localErrors.add(localError.precision(5)).precision(5);
        dynamics.retract(state, steps + 1, t, scale.multiply(four).add(rounding));
        return state;
    }

    /** The modified midpoint rule with n substeps over a step of {@code size} from time {@code now}; f0 = f(now, y). */
    private Apfloat[][] midpoint(ReferenceDynamics.Segment field, Apfloat now, Apfloat[][] y, Apfloat[][] f0, Apfloat size, int n) {
        Apfloat sub = size.divide(precision.of(n));
        Apfloat twoSub = sub.add(sub);
        Apfloat[][] before = y;
        Apfloat[][] current = States.like(y);
        States.axpy(y, sub, f0, current, p);
        Apfloat[][] f = States.like(y);
        for (int m = 1; m < n; m++) {
            field.tangentExtension(now.add(sub.multiply(precision.of(m))), current, f);
            Apfloat[][] next = States.like(y);
            States.axpy(before, twoSub, f, next, p);
            before = current;
            current = next;
        }
        return current;
    }

    /** T_{j,k} = T_{j,k−1} + c (T_{j,k−1} − T_{j−1,k−1}). */
    private static Apfloat[][] extrapolate(Apfloat[][] t, Apfloat[][] previous, Apfloat c, long p) {
        Apfloat[][] r = States.like(t);
        for (int i = 0; i < t.length; i++) {
            for (int col = 0; col < t[i].length; col++) r[i][col] = t[i][col].add(c.multiply(t[i][col].subtract(previous[i][col]))).precision(p);
        }
        return r;
    }
}
