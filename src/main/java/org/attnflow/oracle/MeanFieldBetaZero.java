package org.attnflow.oracle;

import org.attnflow.model.DecimalMatrix;

/**
 * O5, M1 at β = 0: every softmax weight is 1/n, so the field becomes the mean-field (Kuramoto-type) form
 * <pre>  ẋ_i = P⊥_{x_i}(V x̄),  x̄ = (1/n) Σ_j x_j.</pre>
 * Not a closed-form solution but an independent formulation of the same field, to cross-check the attention
 * code at β = 0 (where M1 and M2 coincide). Written out here rather than through the field package's helpers,
 * so that a slip there cannot cancel against the same slip here.
 *
 * <p>With V = I the order parameter |x̄| never decreases, on the circle and in any d:
 * d|x̄|²/dt = (2/n) Σ_i ⟨x̄, P⊥_{x_i} x̄⟩ = 2(|x̄|² − (1/n) Σ_i ⟨x_i, x̄⟩²) ≥ 0, since ⟨x_i, x̄⟩² ≤ |x̄|² for unit x_i.
 * States are row-major n×d double arrays of unit tokens, as everywhere in the project.
 */
public final class MeanFieldBetaZero {
    private final int d;
    private final double[] v; // d×d row-major

    public MeanFieldBetaZero(DecimalMatrix v) {
        if (v.rows() != v.cols()) throw new IllegalArgumentException("V must be square, got " + v.rows() + "x" + v.cols());
        this.d = v.rows();
        this.v = v.toDoubleArray();
    }

    /** The V = I field of dimension d. */
    public static MeanFieldBetaZero identity(int d) { return new MeanFieldBetaZero(DecimalMatrix.identity(d)); }

    public int dimension() { return d; }

    /** out_i = P⊥_{x_i}(V x̄) for every token. {@code x} and {@code out} must not alias. */
    public void velocity(double[] x, double[] out) {
        if (x.length % d != 0 || out.length != x.length) throw new IllegalArgumentException("state length " + x.length + " is not n*d with d = " + d);
        double[] mean = mean(x, d);
        double[] vm = new double[d];
        for (int r = 0; r < d; r++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += v[r * d + c] * mean[c];
            vm[r] = s;
        }
        int n = x.length / d;
        for (int i = 0; i < n; i++) {
            double along = 0;
            for (int c = 0; c < d; c++) along += x[i * d + c] * vm[c];
            for (int c = 0; c < d; c++) out[i * d + c] = vm[c] - along * x[i * d + c];
        }
    }

    /** x̄ = (1/n) Σ_i x_i. */
    public static double[] mean(double[] x, int d) {
        int n = x.length / d;
        double[] m = new double[d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) m[c] += x[i * d + c];
        for (int c = 0; c < d; c++) m[c] /= n;
        return m;
    }

    /** The order parameter |x̄| (1 when all tokens coincide, 0 when they balance). */
    public static double orderParameter(double[] x, int d) {
        double[] m = mean(x, d);
        double s = 0;
        for (double c : m) s += c * c;
        return Math.sqrt(s);
    }

    /**
     * d|x̄|/dt under the V = I flow: (|x̄|² − (1/n) Σ_i ⟨x_i, x̄⟩²) / |x̄| ≥ 0 (0 when x̄ = 0).
     */
    public static double orderParameterRate(double[] x, int d) {
        double[] m = mean(x, d);
        int n = x.length / d;
        double m2 = 0;
        for (double c : m) m2 += c * c;
        if (m2 == 0) return 0;
        double projections = 0;
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int c = 0; c < d; c++) p += x[i * d + c] * m[c];
            projections += p * p;
        }
        return (m2 - projections / n) / Math.sqrt(m2);
    }
}
