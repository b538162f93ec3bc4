package org.attnflow.integrate;

import org.attnflow.field.Dynamics;
import org.attnflow.field.Tokens;
import org.attnflow.model.Method;

/**
 * Explicit Euler followed by the retraction to the sphere, in the two forms public codes use (spec/math.md §2, §7.4):
 * <ul>
 *   <li>S1 ({@link Method#EULER_POSTLN}): Euler on the residual stream, then renormalise — the papers' layer. Post-LN:
 *       x ← normalize(x + h v), v the <em>unprojected</em> attention output {@code AttentionField.attend}, exactly the
 *       papers' scheme, so that their runs can be reproduced. Under the other schemes, per token (θ, r, A = A_k at
 *       the directions, t the step's start):
 *       <pre>
 *   pre         y = r θ + h A;                 r ← ‖y‖;  θ ← y / r        (x ← x + h A)
 *   peri        y = r θ + h (A / ‖A‖);         r ← ‖y‖;  θ ← y / r        (x ← x + h A/‖A‖)
 *   ngpt        θ ← N(θ + (h α)(A / ‖A‖ − θ))
 *   mix         post before τ, pre from τ on (the step ends exactly at τ)
 *   ln-scaling  θ ← N(θ + (h / √(t + 1)) A)
 *       </pre></li>
 *   <li>S2 ({@link Method#EULER_PROJECTED}): Euler on the system of {@link Dynamics} — x ← normalize(x + h P⊥v) for
 *       post-LN; with a scheme, θ ← normalize(θ + h θ̇), r ← r + h ṙ.</li>
 * </ul>
 * In R^d there is neither projection nor normalisation and both are S3: x ← x + h Σ_j P_ij V x_j. The same formulas,
 * in the same order, are replayed at working precision by {@code reference.FixedStepReplay}.
 */
final class EulerStep implements FixedStepMethod {
    private final Dynamics dynamics;
    private final StateSpace space;
    private final boolean projected;
    private final int n;
    private final int d;
    private final double[] v;
    private final double[] a;

    EulerStep(Dynamics dynamics, boolean projected) {
        this.dynamics = dynamics;
        this.space = new StateSpace(dynamics);
        this.projected = projected;
        this.n = space.tokens();
        this.d = space.dimension();
        this.v = new double[space.size()];
        this.a = new double[n * d];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        Dynamics.Segment segment = dynamics.at(t);
        if (projected) {
            segment.velocity(t, x, v);
            for (int k = 0; k < v.length; k++) out[k] = x[k] + h * v[k];
            space.retract(out, t + h);
            return;
        }
        double[] v = a;
        segment.attention(x, v);
        int nd = n * d;
        switch (segment.scheme()) {
            case POST -> {
                for (int k = 0; k < nd; k++) out[k] = x[k] + h * v[k];
                if (out != x) System.arraycopy(x, nd, out, nd, x.length - nd); // radii (mix before τ) unchanged
            }
            case PRE, PERI -> {
                boolean peri = segment.scheme() == org.attnflow.model.LayerNorm.PERI;
                for (int i = 0; i < n; i++) {
                    int o = i * d;
                    double r = x[nd + i];
                    double scale = peri ? 1 / norm(segment, i, t) : 1;
                    double rr = 0;
                    for (int c = 0; c < d; c++) {
                        double y = r * x[o + c] + h * (peri ? v[o + c] * scale : v[o + c]);
                        out[o + c] = y;
                        rr += y * y;
                    }
                    double rNew = Math.sqrt(rr);
                    for (int c = 0; c < d; c++) out[o + c] /= rNew;
                    out[nd + i] = rNew;
                }
                space.checkRadius(out, t + h);
                return;
            }
            case NGPT -> {
                double ha = h * segment.alpha();
                for (int i = 0; i < n; i++) {
                    int o = i * d;
                    double m = norm(segment, i, t);
                    for (int c = 0; c < d; c++) out[o + c] = x[o + c] + ha * (v[o + c] / m - x[o + c]);
                }
            }
            case LN_SCALING -> {
                double hs = h / Math.sqrt(t + segment.clock() + 1);
                for (int k = 0; k < nd; k++) out[k] = x[k] + hs * v[k];
            }
            case MIX -> throw new IllegalStateException("mix is resolved into post and pre by its segments");
        }
        space.retract(out, t + h);
    }

    /** ‖A_i‖ of the attention output, or the run failure I9 when it vanishes. */
    private double norm(Dynamics.Segment segment, int i, double t) { return Dynamics.attentionNorm(a, i, d, segment.scheme(), t); }

    @Override
    public Method method() { return projected ? Method.EULER_PROJECTED : Method.EULER_POSTLN; }

    @Override
    public int evaluationsPerStep() { return 1; }
}
