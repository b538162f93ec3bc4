package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/**
 * The attention field of a {@link ReferenceModel} in {@link DoubleDouble} arithmetic: the formulas of the proved kernel
 * {@link ReferenceAttention#attend} (s_j = β⟨Q x_k, K x_j⟩, μ = max_j s_j, w_j = e^{s_j − μ}, factor 1/Σw or
 * e^μ/divisor, out = factor·Σ_j w_j V x_j) in the same order, per head, heads added in order and divided by H under
 * {@code mean}; every {@link Normalization}, both masks, any dimension. This code is NOT KeY-proved: it is
 * cross-checked against the Apfloat field by {@code DoubleDoubleReferenceTest}.
 *
 * <p>States are flat interleaved double-double arrays, token i's entry c at number i·d + c ({@link DoubleDouble}).
 * Run-time checks, as {@link ReferenceField}'s with the double-double unit roundoff u = {@link DoubleDouble#UNIT}:
 * I2 by the same probe on the first causal evaluation (the rows before a cut unchanged to the last bit when the later
 * tokens are replaced), I4 on every row as applied (weights and factor positive; under softmax Σ_j factor·w_j = 1
 * within 4(len + 1)·u).
 *
 * <p>Not thread-safe (it owns its workspace).
 */
final class DoubleDoubleField {
    private final int n;
    private final int d;
    private final int m;
    private final int heads;
    private final Mask mask;
    private final Normalization normalization;
    private final boolean meanOfHeads;
    private final double[] beta; // per head
    private final double[][] q, k, v; // per head, row-major interleaved (rows × cols)
    private final double[] qx, kx, vx, w, row, t;
    private final ReferenceField.Fault fault;
    private long evaluations;
    private boolean probed;

    DoubleDoubleField(ReferenceModel model, int tokens) {
        this(model, tokens, ReferenceField.Fault.NONE);
    }

    /** A field with a planted fault (tests: a row length off by one, which the I2 probe must stop). */
    DoubleDoubleField(ReferenceModel model, int tokens, ReferenceField.Fault fault) {
        this.fault = fault;
        this.n = tokens;
        this.d = model.dimension();
        this.m = model.queryDimension();
        this.heads = model.heads();
        this.mask = model.model().mask();
        this.normalization = model.model().normalization();
        this.meanOfHeads = model.model().combine() == HeadCombine.MEAN && heads > 1;
        this.beta = new double[2 * heads];
        this.q = new double[heads][];
        this.k = new double[heads][];
        this.v = new double[heads][];
        for (int h = 0; h < heads; h++) {
            DoubleDouble.of(model.beta(h), beta, 2 * h);
            q[h] = flat(model.q(h));
            k[h] = flat(model.k(h));
            v[h] = flat(model.v(h));
        }
        this.qx = new double[2 * n * m];
        this.kx = new double[2 * n * m];
        this.vx = new double[2 * n * d];
        this.w = new double[2 * n];
        this.row = new double[2 * d];
        this.t = new double[2];
    }

    long evaluations() { return evaluations; }

    /** out = the attention output of every token (n×d, interleaved) at the directions x. */
    void attend(double[] x, double[] out) {
        evaluations++;
        compute(x, out);
        if (mask == Mask.CAUSAL && !probed) {
            probed = true;
            probeCausalOrder(x, out);
        }
    }

    private void compute(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0, 2 * n * d, 0);
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < n; j++) {
                project(q[h], m, x, j, qx);
                project(k[h], m, x, j, kx);
                project(v[h], d, x, j, vx);
            }
            for (int i = 0; i < n; i++) {
                int len = fault.rowLength(i, mask.rowLength(i, n));
                if (len > n) {
                    throw new InvariantViolation("I2", -1, i, "a row of " + len + " tokens", "the attention of token " + i + " would read past the " + n + " tokens there are");
                }
                attendRow(h, i, len);
                for (int c = 0; c < d; c++) {
                    int o = 2 * (i * d + c);
                    DoubleDouble.add(out[o], out[o + 1], row[2 * c], row[2 * c + 1], out, o);
                }
            }
        }
        if (meanOfHeads) {
            for (int e = 0; e < n * d; e++) DoubleDouble.div(out[2 * e], out[2 * e + 1], heads, 0, out, 2 * e);
        }
    }

    /** out[j·rows + r] = Σ_c a[r][c] x[j][c] (a: rows × d). */
    private void project(double[] a, int rows, double[] x, int j, double[] out) {
        for (int r = 0; r < rows; r++) DoubleDouble.dot(a, r * d, x, j * d, d, out, 2 * (j * rows + r));
    }

    /** Row i of head h over the first len tokens into {@link #row}; then I4 on the row as applied. */
    private void attendRow(int h, int i, int len) {
        double muH = Double.NEGATIVE_INFINITY, muL = 0;
        for (int j = 0; j < len; j++) { // scores s_j = β ⟨qx_i, kx_j⟩
            DoubleDouble.dot(qx, i * m, kx, j * m, m, t, 0);
            DoubleDouble.mul(beta[2 * h], beta[2 * h + 1], t[0], t[1], w, 2 * j);
            if (w[2 * j] > muH || (w[2 * j] == muH && w[2 * j + 1] > muL)) {
                muH = w[2 * j];
                muL = w[2 * j + 1];
            }
        }
        double zh = 0, zl = 0;
        for (int j = 0; j < len; j++) { // w_j = e^{s_j − μ}, Z = Σ w_j
            DoubleDouble.sub(w[2 * j], w[2 * j + 1], muH, muL, t, 0);
            DoubleDouble.exp(t[0], t[1], w, 2 * j);
            DoubleDouble.add(zh, zl, w[2 * j], w[2 * j + 1], t, 0);
            zh = t[0];
            zl = t[1];
        }
        int divisor = normalization.divisor(len, n);
        double fh, fl;
        if (divisor == 0) {
            DoubleDouble.div(1, 0, zh, zl, t, 0);
        } else {
            DoubleDouble.exp(muH, muL, t, 0);
            DoubleDouble.div(t[0], t[1], divisor, 0, t, 0);
        }
        fh = t[0];
        fl = t[1];
        for (int c = 0; c < d; c++) { // out_c = factor · Σ_j w_j vx_j,c
            double sh = 0, sl = 0;
            for (int j = 0; j < len; j++) {
                int b = 2 * (j * d + c);
                DoubleDouble.mul(w[2 * j], w[2 * j + 1], vx[b], vx[b + 1], t, 0);
                DoubleDouble.add(sh, sl, t[0], t[1], t, 0);
                sh = t[0];
                sl = t[1];
            }
            DoubleDouble.mul(fh, fl, sh, sl, row, 2 * c);
        }
        checkRow(i, len, fh, fl);
    }

    /** I4 on row i as applied: positive weights (the row maximum's is 1; others may underflow to 0) and factor; Σ factor·w_j = 1 under softmax. */
    private void checkRow(int i, int len, double fh, double fl) {
        for (int j = 0; j < len; j++) {
            if (!(w[2 * j] >= 0)) throw new InvariantViolation("I4", -1, i, Double.toString(w[2 * j]), "attention weight of token " + j + " is negative or NaN");
        }
        if (!(fh > 0)) throw new InvariantViolation("I4", -1, i, Double.toString(fh), "the attention row's normalising factor is not positive");
        if (normalization != Normalization.SOFTMAX) return;
        double sh = 0, sl = 0;
        for (int j = 0; j < len; j++) {
            DoubleDouble.mul(fh, fl, w[2 * j], w[2 * j + 1], t, 0);
            DoubleDouble.add(sh, sl, t[0], t[1], t, 0);
            sh = t[0];
            sl = t[1];
        }
        double deviation = (sh - 1) + sl;
        double tolerance = 4.0 * (len + 1) * DoubleDouble.UNIT;
        if (!(Math.abs(deviation) <= tolerance)) {
            throw new InvariantViolation("I4", -1, i, Double.toString(sh), "attention row does not sum to 1 within " + tolerance
                    + " (its double-double rounding): off by " + deviation);
        }
    }

    /** I2 on the mask, as {@link ReferenceField}'s probe: rows before a cut unchanged when the later tokens are replaced. */
    private void probeCausalOrder(double[] x, double[] out) {
        for (int cut : n > 2 ? new int[] {n - 1, 1} : new int[] {n - 1}) {
            if (cut < 1) continue;
            double[] y = x.clone();
            for (int e = 2 * cut * d; e < 2 * n * d; e += 2) {
                int c = (e / 2) % d;
                y[e] = 0.5 - 1.25 * x[e] + 0.125 * c;
                y[e + 1] = 0;
            }
            double[] o = new double[2 * n * d];
            evaluations++;
            compute(y, o);
            for (int e = 0; e < 2 * cut * d; e++) {
                if (o[e] != out[e]) {
                    int token = e / (2 * d);
                    throw new InvariantViolation("I2", -1, token, Double.toString(o[e] - out[e]),
                            "the attention of token " + token + " changed when tokens " + cut + ".." + (n - 1) + " were replaced: it reads a later token (the change is the value)");
                }
            }
        }
    }

    private static double[] flat(Apfloat[][] a) {
        int cols = a[0].length;
        double[] f = new double[2 * a.length * cols];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < cols; c++) DoubleDouble.of(a[r][c], f, 2 * (r * cols + c));
        }
        return f;
    }
}
