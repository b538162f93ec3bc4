package org.attnflow.enclosure;

import java.math.BigDecimal;
import java.math.MathContext;
import org.attnflow.enclosure.interval.Interval;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/**
 * Taylor coefficients of the solution of the attention ODE (spec/math.md §1, M1–M4) through a given state, by
 * Taylor-mode automatic differentiation: every intermediate quantity of the field is a power series in time and
 * its coefficient k is computed from coefficients ≤ k of its inputs, then x_{k+1} = f_k/(k+1) (from ẋ = f(x)).
 * With G = β QᵀK (exact), the field is
 * <pre>
 *   s_ij = ⟨x_i, G x_j⟩,  e_ij = exp(s_ij),  a_i = Σ_j e_ij V x_j / Z_i   (Z_i = Σ_j e_ij, or the row length),
 *   f_i = a_i − ⟨x_i, a_i⟩ x_i  (sphere),   f_i = a_i  (euclidean),
 * </pre>
 * Under softmax the scores are shifted by s_ii, which leaves a_i unchanged: s_ij − s_ii = ⟨x_i, G(x_j − x_i)⟩,
 * and the own weight is exactly e^0 = 1. Over a box this matters: numerator and denominator no longer share the
 * uncertain factor e^{s_ii} (the dependency problem of interval arithmetic), which otherwise inflates the
 * enclosures of large scores (β|x_i|², or the growing scores of M4) without bound.
 * j over the row of token i (all tokens, or 0..i under the causal mask). Series rules: products are Cauchy
 * products; e = exp(s) has e_0 = exp(s_0), e_k = (1/k) Σ_{l=1..k} l s_l e_{k−l} (from e' = s'e); a quotient
 * q = u/z has q_k = (u_k − Σ_{l=1..k} z_l q_{k−l})/z_0. On the sphere the projection uses the form
 * a − ⟨x,a⟩x, which is the solvers' field and keeps |x_i| = 1 invariant: d|x|²/dt = 2⟨x,a⟩(1 − |x|²).
 *
 * <p>The arithmetic is that of {@link Jet}s: over a box the coefficients enclose those of every solution
 * starting in the box, and with N partials they also enclose their derivatives with respect to the start.
 */
final class AttentionSeries {
    private final int n;
    private final int d;
    private final boolean causal;
    private final boolean softmax;
    private final boolean sphere;
    /** β QᵀK and V, row-major d×d, exact. */
    private final BigDecimal[][] g;
    private final BigDecimal[][] v;

    AttentionSeries(AttentionModel model, int n) {
        this.n = n;
        this.d = model.dimension();
        this.causal = model.mask() == Mask.CAUSAL;
        this.softmax = model.normalization() == Normalization.SOFTMAX;
        this.sphere = model.geometry() == Geometry.SPHERE;
        this.g = new BigDecimal[d][d];
        this.v = new BigDecimal[d][d];
        DecimalMatrix q = model.q(), k = model.k();
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int l = 0; l < q.rows(); l++) sum = sum.add(q.get(l, r).multiply(k.get(l, c), MathContext.UNLIMITED));
                g[r][c] = model.beta().multiply(sum);
                v[r][c] = model.v().get(r, c);
            }
        }
    }

    int tokens() { return n; }

    int dimension() { return d; }

    /** Row length of token i: how many tokens it attends to. */
    private int rowLength(int i) { return causal ? i + 1 : n; }

    /**
     * The coefficients x_0..x_order of the solution through {@code start} (N = n·d jets, row-major), as
     * {@code [k][i·d + c]}; partial derivatives are carried for k &lt; {@code partialOrders} only (the higher
     * coefficients are values: coefficient k reads coefficients ≤ k, so the lower ones stay exact jets).
     */
    Jet[][] coefficients(Jet.Arithmetic jets, Jet[] start, int order, int partialOrders) {
        Jet[][][] x = new Jet[n][d][order + 1];
        Jet[][][] gx = new Jet[n][d][order];   // G x_j
        Jet[][][] vx = new Jet[n][d][order];   // V x_j
        Jet[][][][] gd = new Jet[n][n][d][order];   // G (x_j − x_i)
        Jet[][][] s = new Jet[n][n][order];
        Jet[][][] e = new Jet[n][n][order];
        Jet[][] z = new Jet[n][order];
        Jet[][][] a = new Jet[n][d][order];
        Jet[][] p = new Jet[n][order];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) x[i][c][0] = start[i * d + c];
        }
        Jet.Arithmetic values = jets.valuesOnly();
        for (int k = 0; k < order; k++) {
            Jet.Arithmetic ar = k < partialOrders ? jets : values;
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < d; c++) {
                    gx[j][c][k] = linear(ar, g[c], x[j], k);
                    vx[j][c][k] = linear(ar, v[c], x[j], k);
                }
            }
            for (int i = 0; i < n; i++) {
                int row = rowLength(i);
                for (int j = 0; j < row; j++) {
                    if (softmax && j == i) {
                        e[i][i][k] = ar.constant(k == 0 ? Interval.ONE : Interval.ZERO); // e^{s_ii − s_ii}
                        continue;
                    }
                    Jet.Sum score = ar.sum();
                    for (int c = 0; c < d; c++) {
                        if (softmax) {
                            gd[i][j][c][k] = ar.sum().add(gx[j][c][k]).subtract(gx[i][c][k]).round();
                            cauchy(score, x[i][c], gd[i][j][c], 0, k);
                        } else {
                            cauchy(score, x[i][c], gx[j][c], 0, k);
                        }
                    }
                    s[i][j][k] = score.round();
                    if (k == 0) {
                        e[i][j][0] = ar.exp(s[i][j][0]);
                    } else {
                        Jet.Sum sum = ar.sum();
                        for (int l = 1; l <= k; l++) sum.addProduct(s[i][j][l], e[i][j][k - l], l);
                        e[i][j][k] = ar.divide(sum.round(), k);
                    }
                }
                if (softmax) {
                    Jet.Sum sum = ar.sum();
                    for (int j = 0; j < row; j++) sum.add(e[i][j][k]);
                    z[i][k] = sum.round();
                }
                for (int c = 0; c < d; c++) {
                    Jet.Sum num = ar.sum();
                    for (int j = 0; j < row; j++) cauchy(num, e[i][j], vx[j][c], 0, k);
                    if (softmax) {
                        for (int l = 1; l <= k; l++) num.subtractProduct(z[i][l], a[i][c][k - l]);
                        a[i][c][k] = ar.divide(num.round(), z[i][0]);
                    } else {
                        a[i][c][k] = ar.divide(num.round(), row);
                    }
                }
                if (sphere) {
                    Jet.Sum sum = ar.sum();
                    for (int c = 0; c < d; c++) cauchy(sum, x[i][c], a[i][c], 0, k);
                    p[i][k] = sum.round();
                }
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < d; c++) {
                    Jet.Sum f = ar.sum().add(a[i][c][k]);
                    if (sphere) for (int l = 0; l <= k; l++) f.subtractProduct(p[i][l], x[i][c][k - l]);
                    x[i][c][k + 1] = ar.divide(f.round(), k + 1);
                }
            }
        }
        Jet[][] out = new Jet[order + 1][n * d];
        for (int k = 0; k <= order; k++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < d; c++) out[k][i * d + c] = x[i][c][k];
            }
        }
        return out;
    }

    /** Coefficient k of Σ_l row[l]·x[l] (exact constants; zeros skipped). */
    private static Jet linear(Jet.Arithmetic ar, BigDecimal[] row, Jet[][] x, int k) {
        Jet.Sum sum = ar.sum();
        for (int l = 0; l < row.length; l++) {
            if (row[l].signum() == 0) continue;
            if (row[l].compareTo(BigDecimal.ONE) == 0) sum.add(x[l][k]);
            else sum.addProduct(x[l][k], row[l]);
        }
        return sum.round();
    }

    /** Adds coefficient k of the product of two series, Σ_{l=from..k} u_l w_{k−l}. */
    private static void cauchy(Jet.Sum sum, Jet[] u, Jet[] w, int from, int k) {
        for (int l = from; l <= k; l++) sum.addProduct(u[l], w[k - l]);
    }
}
