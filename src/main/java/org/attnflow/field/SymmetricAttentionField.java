package org.attnflow.field;

import org.attnflow.field.simd.VectorExp;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Normalization;

/**
 * Full attention with symmetric scores (Q = K, the theorems' setting): s_ij = β⟨Qx_i, Qx_j⟩ = s_ji, so each
 * e^{s_ij} serves row i and row j, and an evaluation takes n(n+1)/2 exponentials instead of n². Rows cannot each
 * subtract their own maximum when weights are shared, so all use one shift c = β max_i ‖Qx_i‖², which bounds every
 * score (Cauchy–Schwarz; c = β on the sphere with Q = I) — under softmax; the other normalisations take no shift,
 * as the plain field's e^{max}/Z does in effect.
 *
 * <p>The scores are the plain {@link ScalarAttentionField}'s bit for bit, and each row's terms are summed in the
 * same order (j ascending), so the two differ only by e^{s − c} against e^{s − max_i}, and by the exponential
 * ({@link VectorExp#exp(double)}, within about an ulp of {@code Math.exp}, faster, and a pure function of its
 * argument in every JIT tier): within 1e-14 relative (tested). When one shift cannot serve every row (β·(max − min)‖Qx_i‖² beyond
 * {@link #MAX_SHIFT_SPREAD}, where a row's own weights would vanish against c) or a score is not finite, the
 * evaluation is the plain field's, with its errors. Causal masks share nothing (row j does not read key i &gt; j)
 * and are never given to this field, so the causal order I2 is the plain fields' own.
 *
 * <p>Single-threaded, one instance per caller. {@link Fields} uses it in place of the scalar field where it applies.
 */
public final class SymmetricAttentionField implements AttentionField {
    /** The largest β·(max − min)‖Qx_i‖² one common shift serves: e^{−600} ≈ 1e-261 leaves every row's sum normal. */
    public static final double MAX_SHIFT_SPREAD = 600;

    private final AttentionModel model;
    private final int n;
    private final int d;
    private final int m;
    private final double beta;
    private final double[] q;
    private final double[] v;
    private final double[] qx;
    private final double[] vx;
    private final double[] sum;
    private final double[] pair; // the weights e^{s_ij − c} of one row's pairs j ≥ i
    private ScalarAttentionField plain; // the fallback, made the first time one shift cannot serve

    public SymmetricAttentionField(AttentionModel model, int tokens) {
        if (!applies(model)) throw new IllegalArgumentException("symmetric scores need full attention and one constant head with Q = K");
        this.model = model;
        this.n = tokens;
        this.d = model.dimension();
        this.m = model.queryDimension();
        this.beta = model.head().betaDouble();
        this.q = model.q().toDoubleArray();
        this.v = model.v().toDoubleArray();
        this.qx = new double[tokens * m];
        this.vx = new double[tokens * d];
        this.sum = new double[tokens];
        this.pair = new double[tokens];
    }

    /** True when the scores are symmetric and every row reads every key: full mask, one constant head, Q = K. */
    public static boolean applies(AttentionModel model) {
        return FieldKind.SYMMETRIC.unsupported(model) == null;
    }

    @Override
    public AttentionModel model() { return model; }

    @Override
    public int tokens() { return n; }

    @Override
    public void attend(double[] x, double[] out) {
        AttentionField.checkState(x, out, n * d);
        boolean softmax = model.normalization() == Normalization.SOFTMAX;
        double most = 0, least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            double norm2 = 0;
            for (int r = 0; r < m; r++) {
                double s = 0;
                int or = r * d;
                for (int c = 0; c < d; c++) s += q[or + c] * x[oi + c];
                qx[i * m + r] = s;
                norm2 += s * s;
            }
            for (int r = 0; r < d; r++) {
                double s = 0;
                int or = r * d;
                for (int c = 0; c < d; c++) s += v[or + c] * x[oi + c];
                vx[oi + r] = s;
            }
            most = Math.max(most, norm2);
            least = Math.min(least, norm2);
        }
        double shift = softmax ? beta * most : 0;
        if (!Double.isFinite(shift) || !(beta * (most - least) <= MAX_SHIFT_SPREAD) || !softmax && beta * most > MAX_SHIFT_SPREAD) {
            plain().attend(x, out); // one shift cannot serve (or e^{s} may overflow): the plain field, with its errors
            return;
        }
        java.util.Arrays.fill(out, 0);
        java.util.Arrays.fill(sum, 0);
        for (int i = 0; i < n; i++) {
            int qi = i * m, oi = i * d;
            // the weights of pairs (i, j ≥ i) first (independent exponentials), then their two uses: row i's terms
            // still arrive in j order (k < i from earlier rows, then j ≥ i here), as in the plain field
            for (int j = i; j < n; j++) {
                double s = 0;
                int qj = j * m;
                for (int r = 0; r < m; r++) s += qx[qi + r] * qx[qj + r];
                pair[j] = VectorExp.exp(s * beta - shift);
            }
            for (int j = i; j < n; j++) {
                double w = pair[j];
                int oj = j * d;
                for (int c = 0; c < d; c++) out[oi + c] += w * vx[oj + c];
                sum[i] += w;
                if (j != i) {
                    for (int c = 0; c < d; c++) out[oj + c] += w * vx[oi + c];
                    sum[j] += w;
                }
            }
        }
        double fixed = softmax ? 0 : 1.0 / model.normalization().divisor(n, n); // every row reads all n keys
        for (int i = 0; i < n; i++) {
            double f = softmax ? 1 / sum[i] : fixed;
            if (!Double.isFinite(f) || !Double.isFinite(sum[i])) {
                plain().attend(x, out); // a NaN or a vanished row: the plain field reports it
                return;
            }
            for (int c = 0; c < d; c++) out[i * d + c] *= f;
        }
    }

    private ScalarAttentionField plain() {
        if (plain == null) plain = new ScalarAttentionField(model, n);
        return plain;
    }
}
