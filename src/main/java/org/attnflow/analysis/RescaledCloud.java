package org.attnflow.analysis;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The rescaled variables of M4 (math.md §1): z_i(t) = e^{−tV} x_i(t), in which every [GLPR-E] theorem is stated
 * (the x_i themselves grow like e^{tλ}). The matrix exponential is Hipparchus's (scaling and squaring with Padé).
 */
public final class RescaledCloud {
    private RescaledCloud() {}

    /** z = e^{−tV} x for every token of x (row-major n×d); V is d×d row-major. */
    public static double[] z(double t, double[] x, int d, double[] v) {
        RealMatrix m = MatrixUtils.createRealMatrix(d, d);
        for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) m.setEntry(r, c, -t * v[r * d + c]);
        double[][] e = MatrixUtils.matrixExponential(m).getData();
        int n = Clustering.checkShape(x, d);
        double[] z = new double[x.length];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int c = 0; c < d; c++) s += e[r][c] * x[i * d + c];
                z[i * d + r] = s;
            }
        }
        return z;
    }

    /** z for every frame. */
    public static double[][] z(double[] times, double[][] frames, int d, double[] v) {
        double[][] out = new double[frames.length][];
        for (int f = 0; f < frames.length; f++) out[f] = z(times[f], frames[f], d, v);
        return out;
    }
}
