package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.model.Method;

/**
 * A norm-exact Lie-group method: classical RK4 in the geodesic normal coordinates of each token's sphere
 * (Runge–Kutta–Munthe-Kaas with the sphere's exponential map as the chart).
 *
 * <p>At x_n the curve x(t_n + s) = Exp_{x_n}(u(s)) is exact when u(0) = 0 and
 * u' = (dExp_{x_n}|_u)^{-1} f(Exp_{x_n}(u)), an ODE in the flat tangent space T_{x_n}S. One step of classical
 * RK4 on it gives u_1, and x_{n+1} = Exp_{x_n}(u_1): 4th order because the transformation is exact, and on the
 * sphere to rounding because Exp lands on it for any tangent u (cos² r + sin² r = 1); no normalisation is done,
 * so the norm drift is a random walk of rounding errors, not a local truncation error. RK4 in normal coordinates
 * was preferred to Crouch–Grossman 4 because its coefficients are the classical ones (no 13-digit order-condition
 * solutions to trust) and the chart's inverse differential has the closed form of {@link SphereExponential}.
 *
 * <p>In R^d the chart is Exp_x(u) = x + u with identity differential, and the method is classical RK4 with the
 * same arithmetic as {@link ClassicalRk4}.
 */
final class Rkmk4 implements FixedStepMethod {
    private final AttentionField field;
    private final StateSpace space;
    private final int d;
    private final double[] base;
    private final double[] u;
    private final double[] stage;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;

    Rkmk4(AttentionField field) {
        this.field = field;
        this.space = new StateSpace(field);
        this.d = space.dimension();
        int size = space.size();
        this.base = new double[size];
        this.u = new double[size];
        this.stage = new double[size];
        this.k1 = new double[size];
        this.k2 = new double[size];
        this.k3 = new double[size];
        this.k4 = new double[size];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        System.arraycopy(x, 0, base, 0, base.length); // out may be x
        field.velocity(base, k1); // F(0) = f(x_n): already tangent at x_n
        stage(0.5 * h, k1, k2);
        stage(0.5 * h, k2, k3);
        stage(h, k3, k4);
        double sixth = h / 6;
        for (int k = 0; k < u.length; k++) u[k] = sixth * (k1[k] + 2 * (k2[k] + k3[k]) + k4[k]);
        exp(u, out);
    }

    /** kOut = F(a·kPrev) = (dExp|_u)^{-1} f(Exp(u)) with u = a·kPrev. */
    private void stage(double a, double[] kPrev, double[] kOut) {
        for (int k = 0; k < u.length; k++) u[k] = a * kPrev[k];
        exp(u, stage);
        field.velocity(stage, kOut);
        if (space.sphere()) SphereExponential.dexpInverse(base, u, kOut, d);
    }

    private void exp(double[] tangent, double[] out) {
        if (space.sphere()) SphereExponential.exp(base, tangent, out, d);
        else for (int k = 0; k < out.length; k++) out[k] = base[k] + tangent[k];
    }

    @Override
    public Method method() { return Method.RKMK4; }

    @Override
    public int evaluationsPerStep() { return 4; }
}
