package org.attnflow.analysis;

import org.attnflow.field.AttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.model.Geometry;

/**
 * A tiny classical RK4 (retracted to the sphere after each step) so that the analysis tests can make short
 * trajectories without depending on the integrators package. Not a product: the real solvers live in
 * org.attnflow.integrate.
 */
final class LocalRk4 {
    private LocalRk4() {}

    /** Frames at t = 0, every·h, 2·every·h, …, steps·h. */
    static double[][] run(AttentionField f, double[] x0, double h, int steps, int every) {
        int len = x0.length;
        double[] x = x0.clone();
        double[] k1 = new double[len], k2 = new double[len], k3 = new double[len], k4 = new double[len], y = new double[len];
        double[][] frames = new double[steps / every + 1][];
        frames[0] = x.clone();
        boolean sphere = f.model().geometry() == Geometry.SPHERE;
        for (int s = 1; s <= steps; s++) {
            f.velocity(x, k1);
            Tokens.axpy(x, h / 2, k1, y);
            f.velocity(y, k2);
            Tokens.axpy(x, h / 2, k2, y);
            f.velocity(y, k3);
            Tokens.axpy(x, h, k3, y);
            f.velocity(y, k4);
            for (int i = 0; i < len; i++) x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            if (sphere) Tokens.normalize(x, f.dimension());
            if (s % every == 0) frames[s / every] = x.clone();
        }
        return frames;
    }

    static double[] times(double h, int steps, int every) {
        double[] t = new double[steps / every + 1];
        for (int i = 0; i < t.length; i++) t[i] = i * every * h;
        return t;
    }
}
