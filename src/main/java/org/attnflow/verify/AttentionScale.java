package org.attnflow.verify;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.reference.ReferenceField;
import org.attnflow.reference.ReferenceModel;
import org.attnflow.reference.WorkingPrecision;

/**
 * I4 (attention rows sum to 1) on a trajectory whose attention weights are not visible: for an Euler scheme with
 * one step per frame, each token moved as x_{f+1} ∝ x_f + h·c_i·v_i (sphere) or x_{f+1} = x_f + h·c_i·v_i (R^d),
 * v_i the attention output our kernel computes from their x_f with row-normalised softmax (S1: the unprojected
 * output, S2: its tangent projection). The scale c_i by which their output differs from ours is inferred by least
 * squares; c_i = 1 means their row i summed to 1, and a softmax that lost its normalisation gives c_i = Z_i, the
 * row's sum of e^{s − max s}, ≥ 1.
 *
 * <p>On the sphere, with u the unit direction of x_{f+1}, parallelism means P⊥_u(x_f + h c v) = 0, so
 * c = −⟨p, q⟩ / ‖q‖² with p = P⊥_u x_f, q = P⊥_u h v. In R^d, p = x_f − x_{f+1}, q = h v, and the same formula.
 *
 * <p>c is known only as well as the data: the position error it causes is, to first order, |c − 1|·‖q‖ (divided
 * by ‖x_f + h v‖ on the sphere, by max(1, ‖x_{f+1}‖) in R^d, as {@link TokenDistance}), and that, not |c − 1|
 * itself, is compared with the tolerance, so that a token barely moved by attention or data of float32 precision
 * do not make findings out of noise: since |c|·‖q‖ ≤ ‖p‖, the value never exceeds ‖p‖ + ‖q‖ however ill-determined
 * c is. Where ‖q‖ is below {@value #DETERMINED} the value of c itself is reported as undetermined (NaN): with data
 * rounded at 10^-16 it would carry fewer than 10 digits, and at ‖q‖ = 0 (a token attention does not move, e.g.
 * token 1 of M3 with V = I) any c gives the same step.
 */
final class AttentionScale {
    /** Below this attention displacement ‖q‖, c is not reported (its position error still is). */
    static final double DETERMINED = 1e-6;

    private final ReferenceField field;
    private final WorkingPrecision precision;
    private final boolean projected;
    private final boolean sphere;
    private final double h;
    private final int n;
    private final int d;
    private final Apfloat[][] x;
    private final Apfloat[][] out;
    private final double[] v;

    /** The scale of each token's row (NaN: undetermined) and the position error it causes. */
    record Scales(double[] c, double[] excess) {}

    AttentionScale(AttentionModel model, int n, int digits, boolean projected, double h) {
        this.precision = WorkingPrecision.forDigits(digits);
        this.field = new ReferenceField(new ReferenceModel(model, precision), n);
        this.projected = projected;
        this.sphere = model.geometry() == Geometry.SPHERE;
        this.h = h;
        this.n = n;
        this.d = model.dimension();
        this.x = new Apfloat[n][d];
        this.out = new Apfloat[n][d];
        this.v = new double[n * d];
    }

    Scales infer(double[] before, double[] after) {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) x[i][c] = precision.of(new BigDecimal(before[i * d + c]));
        }
        if (projected) field.velocity(x, out);
        else field.attend(x, out);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) v[i * d + c] = out[i][c].doubleValue();
        }
        double[] scale = new double[n], excess = new double[n];
        double[] p = new double[d], q = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            if (sphere) {
                double un = 0;
                for (int c = 0; c < d; c++) un += after[o + c] * after[o + c];
                un = Math.sqrt(un);
                double ux = 0, uv = 0;
                for (int c = 0; c < d; c++) {
                    ux += after[o + c] / un * before[o + c];
                    uv += after[o + c] / un * v[o + c];
                }
                for (int c = 0; c < d; c++) {
                    p[c] = before[o + c] - ux * after[o + c] / un;
                    q[c] = h * (v[o + c] - uv * after[o + c] / un);
                }
            } else {
                for (int c = 0; c < d; c++) {
                    p[c] = before[o + c] - after[o + c];
                    q[c] = h * v[o + c];
                }
            }
            double pq = 0, qq = 0, size = 0;
            for (int c = 0; c < d; c++) {
                pq += p[c] * q[c];
                qq += q[c] * q[c];
                double y = sphere ? before[o + c] + h * v[o + c] : after[o + c];
                size += y * y;
            }
            if (!(qq > 0)) {
                scale[i] = Double.NaN;
                excess[i] = 0;
                continue;
            }
            double ci = -pq / qq;
            size = sphere ? Math.sqrt(size) : Math.max(1, Math.sqrt(size));
            scale[i] = Math.sqrt(qq) >= DETERMINED ? ci : Double.NaN;
            excess[i] = Math.abs(ci - 1) * Math.sqrt(qq) / size;
        }
        return new Scales(scale, excess);
    }
}
