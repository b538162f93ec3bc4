package org.attnflow.field;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.Head;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.Normalization;

/**
 * The plain double-precision attention field: the readable baseline that the SIMD field and outside codes are
 * compared with. Per evaluation and head it forms Qx, Kx (n×m) and Vx (n×d) once, then for each token i a row of
 * scores over the tokens it attends to, evaluated as a stable softmax (the row maximum is subtracted before exp), so
 * that β up to 10^4 and the e^{2t}-growing scores of M4 neither overflow nor produce NaN.
 *
 * <p>Several heads (spec/math.md §8.1): each head's output is computed as above, the outputs are added in head order
 * and, for {@link HeadCombine#MEAN}, divided by H (so that 2 or 4 identical heads give the single head bit for
 * bit). The field must not depend on the order of anything but the heads: it is the definition the SIMD field is
 * compared with.
 *
 * <p>Not thread-safe: it owns its workspace. Use one instance per thread.
 */
public final class ScalarAttentionField implements AttentionField {
    private final AttentionModel model;
    private final int n;
    private final int d;
    private final int m;
    private final int heads;
    private final double[] betas;
    private final double[][] q;  // per head m×d
    private final double[][] k;  // per head m×d
    private final double[][] v;  // per head d×d
    private final double[] qx; // n×m
    private final double[] kx; // n×m
    private final double[] vx; // n×d
    private final double[] weights; // one attention row
    private final double[] headOutput; // n×d, the output of heads after the first (null for one head)
    private int head; // the head whose projections qx, kx, vx hold

    public ScalarAttentionField(AttentionModel model, int tokens) {
        if (tokens < 1) throw new IllegalArgumentException("need at least one token, got " + tokens);
        if (!model.schedule().isEmpty()) throw new IllegalArgumentException("a field computes one piece of a schedule: use its piece's model");
        this.model = model;
        this.n = tokens;
        this.d = model.dimension();
        this.m = model.queryDimension();
        this.heads = model.headCount();
        this.betas = new double[heads];
        this.q = new double[heads][];
        this.k = new double[heads][];
        this.v = new double[heads][];
        for (int h = 0; h < heads; h++) {
            Head head = model.heads().get(h);
            betas[h] = head.betaDouble();
            q[h] = head.q().toDoubleArray();
            k[h] = head.k().toDoubleArray();
            v[h] = head.v().toDoubleArray();
        }
        this.qx = new double[n * m];
        this.kx = new double[n * m];
        this.vx = new double[n * d];
        this.weights = new double[n];
        this.headOutput = heads > 1 ? new double[n * d] : null;
    }

    @Override
    public AttentionModel model() { return model; }

    @Override
    public int tokens() { return n; }

    @Override
    public void attend(double[] x, double[] out) {
        checkShape(x, out);
        attendHead(0, x, out);
        if (heads == 1) return;
        for (int h = 1; h < heads; h++) {
            attendHead(h, x, headOutput);
            for (int e = 0; e < out.length; e++) out[e] += headOutput[e];
        }
        if (model.combine() == HeadCombine.MEAN) {
            for (int e = 0; e < out.length; e++) out[e] /= heads;
        }
    }

    /**
     * Token i's output (d numbers into {@code out}) as if its attention row ran over tokens 0..rowLength−1 instead of
     * the mask's extent, every head combined as {@link #attend} does; with {@code withoutSelf} its own term j = i is
     * left out of the sum (not of the normalisation). For diagnosing mask defects in other programs' trajectories
     * ({@code validate}: a row that reads later tokens, or drops the diagonal); an empty row gives 0.
     */
    public void attendRow(double[] x, int i, int rowLength, boolean withoutSelf, double[] out) {
        checkShape(x, x);
        if (i < 0 || i >= n || rowLength < 0 || rowLength > n || out.length != d) {
            throw new IllegalArgumentException("token " + i + ", row length " + rowLength + " of n = " + n + ", an output of " + out.length);
        }
        java.util.Arrays.fill(out, 0);
        if (rowLength == 0) return;
        for (int h = 0; h < heads; h++) {
            project(h, x);
            double scale = weightRow(i, rowLength);
            for (int j = 0; j < rowLength; j++) {
                if (withoutSelf && j == i) continue;
                double w = weights[j] * scale;
                for (int c = 0; c < d; c++) out[c] += w * vx[j * d + c];
            }
        }
        if (heads > 1 && model.combine() == HeadCombine.MEAN) {
            for (int c = 0; c < d; c++) out[c] /= heads;
        }
    }

    /** The output of head h alone. */
    private void attendHead(int h, double[] x, double[] out) {
        project(h, x);
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
     * Row i of the attention matrix P at state x: P_ij for j < n (zero beyond the causal extent). With several heads,
     * the combined weights Σ_h w_h P^{(h)}_ij (w_h = 1 or 1/H), which multiply V x_j when the heads share V.
     * Rows sum to 1 under softmax normalisation and {@code mean} combination (I4).
     */
    public double[] attentionRow(double[] x, int i) {
        return attentionMatrix(x)[i];
    }

    /** The whole n×n attention matrix P at state x (analysis and tests only: O(n²) memory); see {@link #attentionRow}. */
    public double[][] attentionMatrix(double[] x) {
        checkShape(x, x);
        double[][] p = new double[n][n];
        for (int h = 0; h < heads; h++) {
            project(h, x); // once for all rows: each row reads the same Qx, Kx
            for (int i = 0; i < n; i++) {
                double[] row = projectedRow(i);
                for (int j = 0; j < n; j++) p[i][j] += row[j];
            }
        }
        if (heads > 1 && model.combine() == HeadCombine.MEAN) {
            for (double[] row : p) for (int j = 0; j < n; j++) row[j] /= heads;
        }
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

    /** Qx, Kx, Vx of head h for every token. */
    private void project(int h, double[] x) {
        head = h;
        double[] q = this.q[h], k = this.k[h], v = this.v[h];
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
     * Fills weights[0..len) with e^{s_ij − max_j s_ij} (the current head's scores) and returns the factor that turns
     * them into the row of P: 1/Σ_j weights[j] for softmax, e^{max}/Z otherwise with Z = len (mean), n (count-n) or
     * 1 (none) (which have no bounded form: their velocity genuinely grows like e^{β}, so an overflow there is
     * reported, not hidden).
     */
    private double weightRow(int i, int len) {
        double beta = betas[head];
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
        Normalization normalization = model.normalization();
        if (normalization == Normalization.SOFTMAX) return 1.0 / sum;
        double scale = Math.exp(max) / normalization.divisor(len, n);
        if (!Double.isFinite(scale)) throw overflow(normalization, i, max);
        return scale;
    }

    /** The error of a row whose factor e^{max}/Z overflows (the SIMD field reports the same). */
    public static ArithmeticException overflow(Normalization normalization, int token, double max) {
        return new ArithmeticException(normalization.key() + "-normalised attention overflows double precision at token " + token
                + " (largest score " + max + "); use softmax, a smaller beta, or the reference solver");
    }

    private void checkShape(double[] x, double[] out) {
        if (x.length != n * d || out.length != n * d) {
            throw new IllegalArgumentException("state must have n*d = " + n * d + " entries, got " + x.length + " and " + out.length);
        }
    }
}
