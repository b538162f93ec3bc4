package org.attnflow.reference;

/**
 * The order and step control of the extrapolation (Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>, §II.9, the
 * controller of ODEX), shared by {@link ExtrapolationIntegrator} (Apfloat) and {@link DoubleDoubleExtrapolation}
 * (double-double), which differ in their arithmetic only. Per attempt: {@link #begin}, then for each column j ≥ 1 of
 * the tableau {@link #after} with the column's scaled error estimate err (≤ 1: within tolerance), which says whether to
 * accept column j, reject the attempt or build the next column, and updates the next step {@link #h} and the target
 * column. Columns K−1, K, K+1 around the target K are tried; an attempt is rejected early when convergence in that
 * window is not to be expected; K moves to the column of least work per unit step. A step {@code shortened} to land on
 * a save time is accepted at the first column from 2 on that meets the tolerance, and leaves the choice of K alone.
 */
final class ExtrapolationControl {
    /** Safety factors of ODEX: hopt = h · 0.94 (0.65/err)^{1/(2j+1)}, bounded to [h/50, 4h]. */
    private static final double SAFETY = 0.94;
    private static final double SAFETY_ERROR = 0.65;
    private static final double MIN_FACTOR = 0.02;
    private static final double MAX_FACTOR = 4.0;

    /** Steps one {@code advance} may take before the step size counts as collapsed. */
    static final long MAX_STEPS = 10_000_000;

    /**
     * The next attempt toward a save time {@code left} away: the controller's step ({@code proposal}), whether it lands
     * on the save time (within 1e-9 relative: then the attempt takes exactly the remaining time), and whether landing
     * {@code shortened} it (below 0.9 of the proposal).
     */
    record Attempt(double proposal, boolean lands, boolean shortened) {}

    /** The next attempt toward a save time {@code left} away (the first step of a run: min(left, 1)). */
    Attempt next(double left) {
        if (Double.isNaN(h)) h = Math.min(left, 1.0);
        double proposal = h;
        boolean lands = proposal >= left * (1 - 1e-9);
        return new Attempt(proposal, lands, lands && left < 0.9 * proposal);
    }

    /**
     * The attempt was accepted, the {@code steps}-th of this advance, which reached time {@code now}: a step shortened to
     * land says nothing against the longer one; more than {@link #MAX_STEPS} steps is a collapse, reported with the
     * last failure of the field that shortened them, if any.
     */
    void accepted(Attempt attempt, long steps, org.apfloat.Apfloat now, ArithmeticException lastFailure) {
        if (attempt.shortened()) h = Math.max(h, attempt.proposal());
        if (steps > MAX_STEPS) {
            throw new ArithmeticException("more than " + MAX_STEPS + " steps: the step size collapsed at t = " + now.toString(true)
                    + (lastFailure != null ? " after: " + lastFailure.getMessage() : ""));
        }
    }

    /** What {@link #after} decides for a column. */
    enum Verdict { ACCEPT, REJECT, NEXT_COLUMN }

    private final int columns;
    private final int[] substeps;
    private final long[] work; // evaluations to build rows 0..j
    private final double[] hopt;
    private final double[] workPerTime;
    private int target;
    private double stepSize;
    /** The controller's next step; NaN before the first. */
    double h = Double.NaN;

    /** For a local tolerance of 10^-toleranceDigits: {@link ExtrapolationIntegrator#columns} columns, n_j = 2(j + 1). */
    ExtrapolationControl(int toleranceDigits) {
        this.columns = ExtrapolationIntegrator.columns(toleranceDigits);
        this.substeps = new int[columns];
        this.work = new long[columns];
        for (int j = 0; j < columns; j++) {
            substeps[j] = 2 * (j + 1);
            work[j] = (j == 0 ? 1 : work[j - 1]) + substeps[j] - 1;
        }
        this.hopt = new double[columns];
        this.workPerTime = new double[columns];
        // the work per unit step is least near column 0.58·log10(1/tol)
        this.target = Math.max(2, Math.min(columns - 2, (int) Math.round(0.58 * toleranceDigits)));
    }

    int columns() { return columns; }

    /** n_j, the modified midpoint rule's substeps in row j. */
    int substeps(int j) { return substeps[j]; }

    /** The last column this attempt may build. */
    int last() { return Math.min(target + 1, columns - 1); }

    /**
     * An attempt of this size failed in the field (I8, I9 at a far-off substep): the next is 50× shorter. False when that
     * is below 10^-12·(1 + |t|): the step size collapsed, and the failure is the run's.
     */
    boolean failed(double size, double t) {
        h = size * MIN_FACTOR;
        return h > 1e-12 * (1 + Math.abs(t));
    }

    /** A new attempt with a step of this size. */
    void begin(double size) { this.stepSize = size; }

    /** True when column j may be accepted (the window, or a shortened step from column 2 on): the caller then checks it. */
    boolean mayAccept(int j, boolean shortened) { return j >= target - 1 || (shortened && j >= 2); }

    /** Column j's scaled error err (local error / (tol·(1 + ‖y‖∞))): accept it, reject the attempt, or build the next. */
    Verdict after(int j, double err, boolean shortened) {
        double factor = err == 0 ? MAX_FACTOR : SAFETY * Math.pow(SAFETY_ERROR / err, 1.0 / (2 * j + 1));
        hopt[j] = stepSize * Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, factor));
        workPerTime[j] = work[j] / hopt[j];
        if (shortened && j >= 2 && j < target - 1 && err <= 1) return Verdict.ACCEPT;
        if (j < target - 1) return Verdict.NEXT_COLUMN;
        if (err <= 1) {
            if (!shortened) chooseNext(j, true);
            return Verdict.ACCEPT;
        }
        if (j == last() || hopelessAt(j, err)) {
            chooseNext(j, false);
            return Verdict.REJECT;
        }
        return Verdict.NEXT_COLUMN;
    }

    /**
     * True when column j has not converged and the next columns of the window cannot be expected to: the error falls by
     * about (n_{j+1}/n_0)² per further column (ODEX's test).
     */
    private boolean hopelessAt(int j, double err) {
        if (j == target - 1) {
            double f = (double) substeps[target + 1 < columns ? target + 1 : target] * substeps[target] / (substeps[0] * substeps[0]);
            return err > f * f;
        }
        if (j == target) {
            double f = (double) substeps[target + 1 < columns ? target + 1 : target] / substeps[0];
            return err > f * f;
        }
        return true;
    }

    /** The next target column and step after column j was accepted or rejected. */
    private void chooseNext(int j, boolean accepted) {
        int next = j;
        double nextH = hopt[j];
        if (j >= 2 && workPerTime[j - 1] < 0.8 * workPerTime[j]) {
            next = j - 1;
            nextH = hopt[j - 1];
        } else if (accepted && j + 1 <= columns - 2 && (j < 2 || workPerTime[j] < 0.9 * workPerTime[j - 1])) {
            next = j + 1;
            nextH = hopt[j] * work[j + 1] / work[j];
        }
        target = Math.max(2, Math.min(columns - 2, next));
        h = nextH;
    }
}
