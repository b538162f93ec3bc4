package org.attnflow.integrate;

import org.attnflow.field.Dynamics;
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
 * same arithmetic as {@link ClassicalRk4}. The radii of a normalisation scheme that carries them live in R^n: their
 * chart is the same additive one, so a state (θ, r) is stepped on (S^{d−1})^n × R^n.
 */
final class Rkmk4 implements FixedStepMethod {
    private final Dynamics dynamics;
    private final StateSpace space;
    private final int n;
    private final int d;
    private Dynamics.Segment field;
    private final double[] base;
    private final double[] u;
    private final double[] stage;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;

    Rkmk4(Dynamics dynamics) {
        this.dynamics = dynamics;
        this.space = new StateSpace(dynamics);
        this.n = space.tokens();
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
        field = dynamics.at(t);
        field.velocity(t, base, k1); // F(0) = f(x_n): already tangent at x_n
        stage(t + 0.5 * h, 0.5 * h, k1, k2);
        stage(t + 0.5 * h, 0.5 * h, k2, k3);
        stage(t + h, h, k3, k4);
        double sixth = h / 6;
        for (int k = 0; k < u.length; k++) u[k] = sixth * (k1[k] + 2 * (k2[k] + k3[k]) + k4[k]);
        exp(u, out);
        space.checkRadius(out, t + h); // I8; the directions are on the sphere without retraction
    }

    /** kOut = F(a·kPrev) = (dExp|_u)^{-1} f(Exp(u)) with u = a·kPrev. */
    private void stage(double ts, double a, double[] kPrev, double[] kOut) {
        for (int k = 0; k < u.length; k++) u[k] = a * kPrev[k];
        exp(u, stage);
        field.velocity(ts, stage, kOut);
        if (space.sphere()) SphereExponential.dexpInverse(base, u, kOut, n, d);
    }

    /** Exp of the directions on the sphere (or x + u in R^d); radii additively. */
    private void exp(double[] tangent, double[] out) {
        if (space.sphere()) {
            SphereExponential.exp(base, tangent, out, n, d);
            for (int k = n * d; k < out.length; k++) out[k] = base[k] + tangent[k];
        } else {
            for (int k = 0; k < out.length; k++) out[k] = base[k] + tangent[k];
        }
    }

    @Override
    public Method method() { return Method.RKMK4; }

    @Override
    public int evaluationsPerStep() { return 4; }
}
