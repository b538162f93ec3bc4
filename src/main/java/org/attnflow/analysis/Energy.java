package org.attnflow.analysis;

/**
 * The interaction energy of spec/math.md I6, E_β = (1/(2βn²)) Σ_{i,j} e^{β⟨x_i,x_j⟩}, non-decreasing along M1 and M2
 * with Q = K = V = I. Evaluated as a logarithm by log-sum-exp, since e^{β} overflows double for β ≳ 709.
 */
public final class Energy {
    private Energy() {}

    /** log E_β (β > 0). */
    public static double logEnergy(double[] x, int d, double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("the energy E_beta needs beta > 0, got " + beta);
        int n = Clustering.checkShape(x, d);
        double max = Double.NEGATIVE_INFINITY;
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double p = 0;
                for (int c = 0; c < d; c++) p += x[i * d + c] * x[j * d + c];
                s[i * n + j] = beta * p;
                max = Math.max(max, beta * p);
            }
        }
        double sum = 0;
        for (double v : s) sum += Math.exp(v - max);
        return max + Math.log(sum) - Math.log(2 * beta) - 2 * Math.log(n);
    }

    /** E_β itself (may be +∞ in double for large β: compare {@link #logEnergy} then). */
    public static double energy(double[] x, int d, double beta) { return Math.exp(logEnergy(x, d, beta)); }
}
