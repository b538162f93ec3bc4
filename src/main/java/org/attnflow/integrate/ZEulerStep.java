package org.attnflow.integrate;

import org.attnflow.field.Dynamics;
import org.attnflow.model.Method;
import org.attnflow.model.RescaledCoordinates;

/**
 * The [GLPR-E] authors' Euclidean scheme ({@link Method#Z_EULER}, spec/math.md §8.6): Euler on the rescaled
 * coordinates z = e^{−tV}x, which in x is the exponential (Lawson) Euler step
 * <pre>   x_i ← e^{hV} (x_i + h (A_i − V x_i)),   A_i = Σ_j P_ij V x_j,</pre>
 * i.e. x_i ← e^{hV}(x_i + h Σ_j P_ij V (x_j − x_i)) when rows sum to 1. Per token, in this order: A at the start of
 * the step, y = x + h (A − V x), then e^{hV} y. The exponential is formed once per distinct step size (whole steps
 * share it). {@code reference.FixedStepReplay} replays the same formulas at working precision.
 */
final class ZEulerStep implements FixedStepMethod {
    private final Dynamics dynamics;
    private final RescaledCoordinates exponential;
    private final int n;
    private final int d;
    private final double[] v;
    private final double[] a;
    private final double[] y;
    // e^{hV} of the last two step sizes: a frame interval that is not a multiple of h alternates the full step and
    // its shortened last step, and each would evict the other from a single slot
    private final double[] cachedStep = {Double.NaN, Double.NaN};
    private final double[][] cached = new double[2][];
    private int older;

    ZEulerStep(Dynamics dynamics) {
        String unsupported = Method.Z_EULER.unsupported(dynamics.model());
        if (unsupported != null) throw new IllegalArgumentException(unsupported);
        this.dynamics = dynamics;
        this.n = dynamics.tokens();
        this.d = dynamics.dimension();
        this.v = dynamics.model().v().toDoubleArray();
        this.exponential = new RescaledCoordinates(v, d);
        this.a = new double[n * d];
        this.y = new double[n * d];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        dynamics.at(t).attention(x, a);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int r = 0; r < d; r++) {
                double vx = 0;
                for (int c = 0; c < d; c++) vx += v[r * d + c] * x[o + c];
                y[o + r] = x[o + r] + h * (a[o + r] - vx);
            }
        }
        double[] e = exponential(h);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int c = 0; c < d; c++) s += e[r * d + c] * y[o + c];
                out[o + r] = s;
            }
        }
    }

    private double[] exponential(double h) {
        for (int slot = 0; slot < 2; slot++) {
            if (h == cachedStep[slot]) {
                older = 1 - slot;
                return cached[slot];
            }
        }
        int slot = older;
        cached[slot] = exponential.exponential(h);
        cachedStep[slot] = h;
        older = 1 - slot;
        return cached[slot];
    }

    @Override
    public Method method() { return Method.Z_EULER; }

    @Override
    public int evaluationsPerStep() { return 1; }
}
