package org.attnflow.field;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;

/**
 * Full attention on the circle in O(n·p) instead of O(n²) (spec/math.md §8.7): with x_j = (cos φ_j, sin φ_j) ≅ z_j
 * = e^{iφ_j} and Q = K = I the kernel is e^{β cos(φ_j − φ_i)} = I_0(β) + 2 Σ_{k≥1} I_k(β) cos k(φ_j − φ_i), so with the
 * moments S_m = Σ_j z_j^m, scaled by e^{−β} (Ĩ_k = e^{−β} I_k(β)),
 * <pre>
 *   Ñ_i = Ĩ_0 S_1 + Σ_{k=1..p} Ĩ_k (z̄_i^k S_{k+1} + z_i^k S̄_{k−1}),    Z̃_i = Ĩ_0 n + 2 Σ_{k=1..p} Ĩ_k Re(z̄_i^k S_k),
 * </pre>
 * and v_i = V Ñ_i / Z̃_i under softmax, V e^β Ñ_i / (row divisor) otherwise: two passes of p complex products per
 * token, no exponential at all.
 *
 * <p><b>Truncation</b> (§8.7, FB2, proved in §9.2): e^{−β} T_p ≤ t_p := Π_{j=0..p} ρ_j / (1 − ρ_{p+1}) with ρ_k =
 * β / (k + ½ + √((k + ½)² + β²)), and |v_i − v_i^{(p)}| ≤ 4n t_p / Z̃_i^{(p)} with Z̃_i ≥ 1 (the self term). The
 * field takes the least p with 4n t_p ≤ ε (1 − 2n t_p), ε = {@link #TOLERANCE} relative to the field's scale (1 under
 * softmax, e^β/divisor times ‖V‖ otherwise): the truncation error is then below ε; rounding adds a few units in the
 * last place per term.
 *
 * <p>The Ĩ_k come from Miller's backward recurrence I_{k−1} = (2k/β) I_k + I_{k+1}, normalised by
 * I_0 + 2 Σ_{k≥1} I_k = e^β (the expansion at θ = 0), which gives the scaled values without forming e^β. Powers z^k
 * are formed by repeated multiplication; on the circle z̄ = 1/z. One instance per caller (it owns its moments).
 */
public final class FourierBesselField implements AttentionField {
    /** The truncation error allowed, relative to the field's scale: far below the 1e-13 agreement with the direct field. */
    public static final double TOLERANCE = 1e-15;

    private final AttentionModel model;
    private final int n;
    private final int p;
    private final double[] scaledBessel; // Ĩ_0 .. Ĩ_p
    private final double[] v;            // V, row-major 2×2
    private final double scale;          // 0 under softmax, else e^β / divisor
    private final double[] moments;      // S_0 .. S_{p+1} as (re, im)

    public FourierBesselField(AttentionModel model, int tokens) {
        String why = FieldKind.FOURIER.unsupported(model);
        if (why != null) throw new IllegalArgumentException(why);
        if (tokens < 1) throw new IllegalArgumentException("need at least one token, got " + tokens);
        this.model = model;
        this.n = tokens;
        double beta = model.head().betaDouble();
        this.p = terms(beta, tokens, TOLERANCE);
        this.scaledBessel = scaledBessel(beta, p);
        this.v = model.v().toDoubleArray();
        int divisor = model.normalization().divisor(tokens, tokens);
        this.scale = divisor == 0 ? 0 : Math.exp(beta) / divisor;
        this.moments = new double[2 * (p + 2)];
    }

    @Override
    public AttentionModel model() { return model; }

    @Override
    public int tokens() { return n; }

    /** The number of Fourier terms p this field keeps. */
    public int terms() { return p; }

    /**
     * FB2's a-priori bound on the scaled tail e^{−β} T_p(β) = e^{−β} Σ_{k>p} I_k(β): Π_{j=0..p} ρ_j / (1 − ρ_{p+1})
     * (spec/math.md §8.7, proved in §9.2). 0 for β = 0.
     */
    public static double tailBound(double beta, int p) {
        if (beta == 0) return 0;
        double product = 1;
        for (int j = 0; j <= p; j++) product *= rho(beta, j);
        return product / (1 - rho(beta, p + 1));
    }

    /** The least p with 4n t_p ≤ ε (1 − 2n t_p), t_p = {@link #tailBound}: the field error bound of §8.7 below ε. */
    public static int terms(double beta, int tokens, double epsilon) {
        if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        double product = 1;
        for (int p = 0; ; p++) {
            product *= rho(beta, p);
            double t = product / (1 - rho(beta, p + 1));
            if (4.0 * tokens * t <= epsilon * (1 - 2.0 * tokens * t)) return p;
        }
    }

    private static double rho(double beta, int k) {
        double a = k + 0.5;
        return beta / (a + Math.sqrt(a * a + beta * beta));
    }

    /** Ĩ_k = e^{−β} I_k(β) for k = 0..p, by Miller's backward recurrence normalised by I_0 + 2 Σ I_k = e^β. */
    public static double[] scaledBessel(double beta, int p) {
        double[] out = new double[p + 1];
        if (beta == 0) {
            out[0] = 1;
            return out;
        }
        // start where I_K / I_p is far below a rounding of I_p: the ratios I_{k+1}/I_k < ρ_k bound the decay
        int start = p + 16;
        double decay = 1;
        while (decay > 1e-40 || start < p + 16) {
            decay *= rho(beta, start);
            start++;
            if (start > p + 100_000) break;
        }
        double next = 0, cur = 1e-280, sum = 0;
        for (int k = start; k >= 1; k--) {
            double prev = (2.0 * k / beta) * cur + next; // I_{k−1}
            if (k <= p) out[k] = cur;
            sum += 2 * cur;
            next = cur;
            cur = prev;
            if (cur > 1e250) { // rescale everything kept so far
                next *= 1e-250;
                cur *= 1e-250;
                sum *= 1e-250;
                for (int j = k; j <= p; j++) out[j] *= 1e-250;
            }
        }
        out[0] = cur;
        sum += cur;
        for (int k = 0; k <= p; k++) out[k] /= sum;
        return out;
    }

    @Override
    public void attend(double[] x, double[] out) {
        AttentionField.checkState(x, out, 2 * n);
        int m = p + 2;
        java.util.Arrays.fill(moments, 0);
        for (int j = 0; j < n; j++) {
            double zr = x[2 * j], zi = x[2 * j + 1];
            double r = 1 / Math.sqrt(zr * zr + zi * zi); // the direction: states are unit up to rounding
            zr *= r;
            zi *= r;
            double wr = 1, wi = 0; // z^k
            for (int k = 0; k < m; k++) {
                moments[2 * k] += wr;
                moments[2 * k + 1] += wi;
                double t = wr * zr - wi * zi;
                wi = wr * zi + wi * zr;
                wr = t;
            }
        }
        double[] b = scaledBessel;
        for (int i = 0; i < n; i++) {
            double zr = x[2 * i], zi = x[2 * i + 1];
            double r = 1 / Math.sqrt(zr * zr + zi * zi);
            zr *= r;
            zi *= r;
            // k = 0: Ĩ_0 S_1 and Ĩ_0 n
            double nr = b[0] * moments[2], ni = b[0] * moments[3];
            double zsum = 0;
            double wr = 1, wi = 0; // z_i^k
            for (int k = 1; k <= p; k++) {
                double t = wr * zr - wi * zi;
                wi = wr * zi + wi * zr;
                wr = t;
                // conj(z^k) S_{k+1} + z^k conj(S_{k-1})
                double ar = moments[2 * (k + 1)], ai = moments[2 * (k + 1) + 1];
                double cr = moments[2 * (k - 1)], ci = -moments[2 * (k - 1) + 1];
                double termR = (wr * ar + wi * ai) + (wr * cr - wi * ci);
                double termI = (wr * ai - wi * ar) + (wr * ci + wi * cr);
                nr += b[k] * termR;
                ni += b[k] * termI;
                // Re(conj(z^k) S_k)
                zsum += b[k] * (wr * moments[2 * k] + wi * moments[2 * k + 1]);
            }
            double z = b[0] * n + 2 * zsum;
            double f = scale == 0 ? 1 / z : scale;
            double ur = nr * f, ui = ni * f;
            out[2 * i] = v[0] * ur + v[1] * ui;
            out[2 * i + 1] = v[2] * ur + v[3] * ui;
        }
    }
}
