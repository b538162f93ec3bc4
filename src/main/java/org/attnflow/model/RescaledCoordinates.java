package org.attnflow.model;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The rescaled variables of the Euclidean model M4 (spec/math.md §1): z_i(t) = e^{−tV} x_i(t), in which every
 * [GLPR-E] theorem is stated (the x_i themselves grow like e^{tV}). The matrix exponential is Hipparchus'
 * {@link MatrixUtils#matrixExponential} (scaling and squaring with a Padé approximant), formed once per frame.
 */
public final class RescaledCoordinates {
    private final RealMatrix v;
    private final int d;

    /** @param v V, d×d, row-major */
    public RescaledCoordinates(double[] v, int d) {
        if (v.length != d * d) throw new IllegalArgumentException("V must be d x d = " + d * d + " numbers, got " + v.length);
        this.d = d;
        this.v = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) this.v.setEntry(i, j, v[i * d + j]);
    }

    /** e^{tV}, row-major d×d (Hipparchus' scaling and squaring with a Padé approximant). */
    public double[] exponential(double t) {
        double[][] e = MatrixUtils.matrixExponential(v.scalarMultiply(t)).getData();
        double[] flat = new double[d * d];
        for (int r = 0; r < d; r++) System.arraycopy(e[r], 0, flat, r * d, d);
        return flat;
    }

    /** z = e^{−tV} x for every token of the row-major n×d state {@code x}, into {@code z}. */
    public void apply(double t, double[] x, double[] z) {
        if (x.length != z.length || x.length % d != 0) throw new IllegalArgumentException("states must be n x d with d = " + d);
        double[][] e = MatrixUtils.matrixExponential(v.scalarMultiply(-t)).getData();
        for (int i = 0; i < x.length; i += d) {
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int c = 0; c < d; c++) s += e[r][c] * x[i + c];
                z[i + r] = s;
            }
        }
    }
}
