package org.attnflow.verify;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.reference.AttentionOutput;

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
 * <p>c is known only as well as the data, so it is judged by what it does to the token, in the
 * {@link TokenDistance} of the geometry: the <i>excess</i> is the distance between their step rescaled by c,
 * x_f + h c v (normalised on the sphere), and the row-normalised step x_f + h v; the <i>residual</i> is the distance
 * between their x_{f+1} and x_f + h c v, what no rescaling of our row explains (their step went in another
 * direction: another mask, another V...). An I4 finding is an excess beyond the tolerance with the residual within
 * it: a rescaled row alone reproduces their step, and the rescaling matters. So a token barely moved by attention
 * (c ill-determined but of no consequence) or data of float32 precision do not make findings out of noise. Where
 * ‖q‖ is below {@value #DETERMINED} the value of c itself is reported as undetermined (NaN): with data rounded at
 * 10^-16 it would carry fewer than 10 digits, and at ‖q‖ = 0 (a token attention does not move, e.g. token 1 of M3
 * with V = I) any c gives the same step. Where x_f + h c v all but vanishes (c ≈ −1/h, the least-squares answer
 * when v ∥ x_f) the fit says nothing and the residual is infinite.
 */
final class AttentionScale {
    /** Below this attention displacement ‖q‖, c is not reported (its position error still is). */
    static final double DETERMINED = 1e-6;

    private final AttentionOutput output;
    private final boolean sphere;
    private final double h;
    private final int n;
    private final int d;
    private final double[] v;
    private final TokenDistance metric;

    /**
     * Per token: the scale of its row (NaN: undetermined), the excess (how far that scale moves the token from the
     * row-normalised step) and the residual (how far their token is from the rescaled step).
     */
    record Scales(double[] c, double[] excess, double[] residual) {}

    AttentionScale(AttentionModel model, int n, int digits, boolean projected, double h) {
        this.output = new AttentionOutput(model, n, digits, projected);
        this.sphere = model.geometry() == Geometry.SPHERE;
        this.h = h;
        this.n = n;
        this.d = model.dimension();
        this.v = new double[n * d];
        this.metric = TokenDistance.of(model.geometry());
    }

    Scales infer(double[] before, double[] after) {
        output.of(before, v);
        double[] scale = new double[n], excess = new double[n], residual = new double[n];
        double[] p = new double[d], q = new double[d], rescaled = new double[d], ours = new double[d], theirs = new double[d];
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
            double pq = 0, qq = 0;
            for (int c = 0; c < d; c++) {
                pq += p[c] * q[c];
                qq += q[c] * q[c];
            }
            double ci = qq > 0 ? -pq / qq : 1;
            scale[i] = Math.sqrt(qq) >= DETERMINED ? ci : Double.NaN;
            double xx = 0, aa = 0, bb = 0;
            for (int c = 0; c < d; c++) {
                rescaled[c] = before[o + c] + h * ci * v[o + c];
                ours[c] = before[o + c] + h * v[o + c];
                theirs[c] = after[o + c];
                xx += before[o + c] * before[o + c];
                aa += rescaled[c] * rescaled[c];
                bb += ours[c] * ours[c];
            }
            if (!(aa > 1e-6 * xx)) {
                residual[i] = Double.POSITIVE_INFINITY;
                excess[i] = Double.NaN;
                continue;
            }
            if (sphere) {
                for (int c = 0; c < d; c++) {
                    rescaled[c] /= Math.sqrt(aa);
                    ours[c] /= Math.sqrt(bb);
                }
            }
            residual[i] = metric.between(theirs, rescaled, 0, d);
            excess[i] = metric.between(rescaled, ours, 0, d);
        }
        return new Scales(scale, excess, residual);
    }
}
