package org.attnflow.field;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.Normalization;

/**
 * The plain double-precision attention field: the readable baseline that the SIMD field and outside codes are
 * compared with. Per evaluation it forms Qx, Kx (n×m) and Vx (n×d) once, then for each token i a row of scores
 * over the tokens it attends to, evaluated as a stable softmax (the row maximum is subtracted before exp), so
 * that β up to 10^4 and the e^{2t}-growing scores of M4 neither overflow nor produce NaN.
 *
 * <p>Not thread-safe: it owns its workspace. Use one instance per thread.
 */
public final class ScalarAttentionField implements AttentionField {
    private final AttentionModel model;
    private final int n;
    private final int d;
    private final int m;
    private final double beta;
    private final double[] q;  // m×d
    private final double[] k;  // m×d
    private final double[] v;  // d×d
    private final double[] qx; // n×m
    private final double[] kx; // n×m
    private final double[] vx; // n×d
    private final double[] weights; // one attention row

    public ScalarAttentionField(AttentionModel model, int tokens) {
        if (tokens < 1) throw new IllegalArgumentException("need at least one token, got " + tokens);
        this.model = model;
        this.n = tokens;
        this.d = model.dimension();
        this.m = model.queryDimension();
        this.beta = model.betaDouble();
        this.q = model.q().toDoubleArray();
        this.k = model.k().toDoubleArray();
        this.v = model.v().toDoubleArray();
        this.qx = new double[n * m];
        this.kx = new double[n * m];
        this.vx = new double[n * d];
        this.weights = new double[n];
    }

    @Override
    public AttentionModel model() { return model; }

    @Override
    public int tokens() { return n; }

    @Override
    public void attend(double[] x, double[] out) {
        checkShape(x, out);
        project(x);
        for (int i = 0; i < n; i++) {
            int len = model.mask().rowLength(i, n);
            double scale = weightRow(i, len);
            int oi = i * d;
            for (int c = 0; c < d; c++) out[oi + c] = 0;
            for (int j = 0; j < len; j++) {
                double w = weights[j] * scale;
                int oj = j * d;
                for (int c = 0; c < d; c++) out[oi + c] += w * vx[oj + c];
            }
        }
    }

    /**
     * Row i of the attention matrix P at state x: P_ij for j < n (zero beyond the causal extent).
     * Rows sum to 1 under softmax normalisation (I4).
     */
    public double[] attentionRow(double[] x, int i) {
        checkShape(x, x);
        project(x);
        return projectedRow(i);
    }

    /** The whole n×n attention matrix P at state x (analysis and tests only: O(n²) memory). */
    public double[][] attentionMatrix(double[] x) {
        checkShape(x, x);
        project(x); // once for all rows: each row reads the same Qx, Kx
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) p[i] = projectedRow(i);
        return p;
    }

    /** Row i of P from the projections of the last {@link #project}. */
    private double[] projectedRow(int i) {
        int len = model.mask().rowLength(i, n);
        double scale = weightRow(i, len);
        double[] row = new double[n];
        for (int j = 0; j < len; j++) row[j] = weights[j] * scale;
        return row;
    }

    /** Qx, Kx, Vx for every token. */
    private void project(double[] x) {
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            for (int r = 0; r < m; r++) {
                double sq = 0, sk = 0;
                int or = r * d;
                for (int c = 0; c < d; c++) {
                    sq += q[or + c] * x[oi + c];
                    sk += k[or + c] * x[oi + c];
                }
                qx[i * m + r] = sq;
                kx[i * m + r] = sk;
            }
            for (int r = 0; r < d; r++) {
                double s = 0;
                int or = r * d;
                for (int c = 0; c < d; c++) s += v[or + c] * x[oi + c];
                vx[oi + r] = s;
            }
        }
    }

    /**
     * Fills weights[0..len) with e^{s_ij − max_j s_ij} and returns the factor that turns them into the row of P:
     * 1/Σ_j weights[j] for softmax, e^{max}/len for mean normalisation (which has no bounded form: its
     * velocity genuinely grows like e^{β}, so an overflow there is reported, not hidden).
     */
    private double weightRow(int i, int len) {
        double max = Double.NEGATIVE_INFINITY;
        int oi = i * m;
        for (int j = 0; j < len; j++) {
            double s = 0;
            int oj = j * m;
            for (int r = 0; r < m; r++) s += qx[oi + r] * kx[oj + r];
            s *= beta;
            weights[j] = s;
            if (s > max) max = s;
        }
        if (!Double.isFinite(max)) throw new ArithmeticException("attention score of token " + i + " is " + max);
        double sum = 0;
        for (int j = 0; j < len; j++) {
            double w = Math.exp(weights[j] - max);
            weights[j] = w;
            sum += w;
        }
        // a NaN score below a finite maximum gives a NaN weight, and so a NaN sum: one test per row finds it
        if (Double.isNaN(sum)) {
            int j = 0;
            while (!Double.isNaN(weights[j])) j++;
            throw new ArithmeticException("attention score of token " + i + " against token " + j + " is NaN");
        }
        if (model.normalization() == Normalization.SOFTMAX) return 1.0 / sum;
        double scale = Math.exp(max) / len;
        if (!Double.isFinite(scale)) {
            throw new ArithmeticException("mean-normalised attention overflows double precision at token " + i
                    + " (largest score " + max + "); use softmax, a smaller beta, or the reference solver");
        }
        return scale;
    }

    private void checkShape(double[] x, double[] out) {
        if (x.length != n * d || out.length != n * d) {
            throw new IllegalArgumentException("state must have n*d = " + n * d + " entries, got " + x.length + " and " + out.length);
        }
    }
}
