package org.attnflow.integrate;

import org.attnflow.field.Dynamics;

/**
 * The stages of one Dormand–Prince 5(4) step (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner, Solving
 * ODEs I, §II.5 and the code DOPRI5), with the embedded error estimate and the 4th-order continuous extension
 * (dense output). Shared by the adaptive {@link Dopri5Integrator} and the held-fixed {@link Dopri5Step}, so the
 * tableau lives in one place. Owns its workspaces.
 *
 * <p>Protocol: choose the segment of the step ({@link #use}), put f(t, y) in {@link #k1}, call {@link #advance}; for
 * error control call {@link #finish} (the FSAL stage k7 = f(t + h, y_new) and the error norm); for dense output then
 * {@link #prepareDense} and {@link #dense}. Every stage of a step is evaluated with the one segment of the
 * {@link Dynamics} the step starts in, at its node t + c_i h (the field depends on t only under ln-scaling).
 */
final class Dopri5Stages {
    /** Nodes c_i of the stages (c_1 = 0, c_6 = c_7 = 1). */
    private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    /** 5th-order weights b_j (= the 7th row of A: first same as last). b_2 = b_7 = 0. */
    private static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    /** b_j − b̂_j: the difference to the embedded 4th-order solution. */
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;
    /** Coefficients of the 4th-order continuous extension (Hairer's DOPRI5, after Shampine 1986). */
    private static final double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0,
            D4 = -10690763975.0 / 1880347072.0, D5 = 701980252875.0 / 199316789632.0,
            D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;

    private Dynamics.Segment segment;
    /** f(y) at the start of the step: set by the caller (or carried over from {@link #k7}). */
    final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] k5;
    private final double[] k6;
    /** f(y_new), valid after {@link #finish}: the next step's k1 (FSAL). */
    final double[] k7;
    private final double[] stage;
    private final double[] r2;
    private final double[] r3;
    private final double[] r4;
    private final double[] r5;
    private long evaluations;

    Dopri5Stages(int size) {
        k1 = new double[size];
        k2 = new double[size];
        k3 = new double[size];
        k4 = new double[size];
        k5 = new double[size];
        k6 = new double[size];
        k7 = new double[size];
        stage = new double[size];
        r2 = new double[size];
        r3 = new double[size];
        r4 = new double[size];
        r5 = new double[size];
    }

    /** The segment whose field every stage of the following steps evaluates. */
    void use(Dynamics.Segment s) { this.segment = s; }

    /** f(t, y) into {@link #k1}, the start of a step without a carried-over FSAL stage. */
    void start(double t, double[] y) {
        evaluate(t, y, k1);
    }

    /** f(t, x) into out, counted (the initial-step heuristic's probe). */
    void probe(double t, double[] x, double[] out) {
        evaluate(t, x, out);
    }

    /** Field evaluations made so far (including any that threw). */
    long evaluations() { return evaluations; }

    private void evaluate(double t, double[] x, double[] out) {
        evaluations++;
        segment.velocity(t, x, out);
    }

    /** Stages k2..k6 from y at t and {@link #k1}; yNew ← the 5th-order solution y + h Σ b_j k_j (5 evaluations). */
    void advance(double t, double[] y, double h, double[] yNew) {
        int size = y.length;
        for (int k = 0; k < size; k++) stage[k] = y[k] + h * (A21 * k1[k]);
        evaluate(t + C2 * h, stage, k2);
        for (int k = 0; k < size; k++) stage[k] = y[k] + h * (A31 * k1[k] + A32 * k2[k]);
        evaluate(t + C3 * h, stage, k3);
        for (int k = 0; k < size; k++) stage[k] = y[k] + h * (A41 * k1[k] + A42 * k2[k] + A43 * k3[k]);
        evaluate(t + C4 * h, stage, k4);
        for (int k = 0; k < size; k++) stage[k] = y[k] + h * (A51 * k1[k] + A52 * k2[k] + A53 * k3[k] + A54 * k4[k]);
        evaluate(t + C5 * h, stage, k5);
        for (int k = 0; k < size; k++) {
            stage[k] = y[k] + h * (A61 * k1[k] + A62 * k2[k] + A63 * k3[k] + A64 * k4[k] + A65 * k5[k]);
        }
        evaluate(t + h, stage, k6);
        for (int k = 0; k < size; k++) yNew[k] = y[k] + h * (B1 * k1[k] + B3 * k3[k] + B4 * k4[k] + B5 * k5[k] + B6 * k6[k]);
    }

    /**
     * k7 ← f(yNew) (1 evaluation) and the error norm of the step: the root mean square over all n·d components of
     * e_i / (atol + rtol·max(|y_i|, |yNew_i|)), e = h Σ (b_j − b̂_j) k_j the difference between the 5th- and the
     * embedded 4th-order solutions. The step is acceptable when the norm is ≤ 1. RMS (as in Hairer's DOPRI5)
     * rather than max, so that the tolerance means the same for 2 tokens and for 2000. NaN or ∞ become +∞.
     */
    double finish(double t, double[] y, double[] yNew, double h, double rtol, double atol) {
        evaluate(t + h, yNew, k7);
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            double e = h * (E1 * k1[k] + E3 * k3[k] + E4 * k4[k] + E5 * k5[k] + E6 * k6[k] + E7 * k7[k]);
            if (e == 0) continue; // also when the scale is 0 (atol = 0 at a zero component): no error there
            double q = e / (atol + rtol * Math.max(Math.abs(y[k]), Math.abs(yNew[k])));
            sum += q * q;
        }
        double err = Math.sqrt(sum / y.length);
        return Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
    }

    /** Coefficients of the continuous extension over the step from y to yNew (after {@link #finish}). */
    void prepareDense(double[] y, double[] yNew, double h) {
        for (int k = 0; k < y.length; k++) {
            double dy = yNew[k] - y[k];
            double bspl = h * k1[k] - dy;
            r2[k] = dy;
            r3[k] = bspl;
            r4[k] = dy - h * k7[k] - bspl;
            r5[k] = h * (D1 * k1[k] + D3 * k3[k] + D4 * k4[k] + D5 * k5[k] + D6 * k6[k] + D7 * k7[k]);
        }
    }

    /** out ← the 4th-order interpolant at t + θh, 0 ≤ θ ≤ 1 (after {@link #prepareDense}; y the step's start). */
    void dense(double theta, double[] y, double[] out) {
        double theta1 = 1 - theta;
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] + theta * (r2[k] + theta1 * (r3[k] + theta * (r4[k] + theta1 * r5[k])));
        }
    }
}
