package org.attnflow.integrate;

import org.attnflow.field.Dynamics;
import org.attnflow.field.Tokens;
import org.attnflow.model.Method;

/**
 * The public simulator's discrete forms of the normalisation schemes (spec/math.md §7.4, as the issue quotes them),
 * one step per layer, per token (θ, r, A = A_k at the directions; the two lines in this order, so that θ's update
 * reads the updated r):
 * <pre>
 *   pre-public    r ← r + (h r) Σ_c A_c;                      θ ← N(θ + h (A − ⟨θ, A⟩ θ) / (r + 1e-9))
 *   peri-public   Â = A / (‖A‖ + 1e-9);  r ← r + (h r) Σ_c Â_c;  θ ← N(θ + h Â / (r + 1e-9))
 *   ngpt-public   Â = A / (‖A‖ + 1e-9);                       θ ← N(θ + (0.2 h) Â)
 * </pre>
 * They differ from the paper's schemes (attnflow's {@link EulerStep}) in the radius update — the coordinate sum
 * Σ_c A_c and a factor r where the paper has ṙ = ⟨θ, A⟩ (pre) or ⟨θ, A⟩/‖A‖ (peri) — in the 1e-9 terms and in nGPT's
 * hard-coded α = 0.2 without the −θ of its interpolation: consistent schemes of other ODEs, offered so that files
 * made by such code can be replayed ({@code validate}); {@code reference.FixedStepReplay} replays the same formulas.
 */
final class PublicStep implements FixedStepMethod {
    /** The public code's guard in its denominators. */
    static final double EPSILON = 1e-9;
    /** The public code's nGPT factor. */
    static final double ALPHA = 0.2;

    private final Dynamics dynamics;
    private final StateSpace space;
    private final Method method;
    private final int n;
    private final int d;
    private final double[] a;

    PublicStep(Dynamics dynamics, Method method) {
        if (method.publicScheme() == null) throw new IllegalArgumentException(method.key() + " is not a public-code step");
        String unsupported = method.unsupported(dynamics.model());
        if (unsupported != null) throw new IllegalArgumentException(unsupported);
        this.dynamics = dynamics;
        this.space = new StateSpace(dynamics);
        this.method = method;
        this.n = space.tokens();
        this.d = space.dimension();
        this.a = new double[n * d];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        dynamics.at(t).attention(x, a);
        int nd = n * d;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            if (method != Method.PRE_PUBLIC) {
                double m = Tokens.norm(a, i, d) + EPSILON;
                for (int c = 0; c < d; c++) a[o + c] = a[o + c] / m; // Â
            }
            if (method == Method.NGPT_PUBLIC) {
                double step = ALPHA * h;
                for (int c = 0; c < d; c++) out[o + c] = x[o + c] + step * a[o + c];
                continue;
            }
            double sum = 0;
            for (int c = 0; c < d; c++) sum += a[o + c];
            double r = x[nd + i] + h * x[nd + i] * sum;
            double denominator = r + EPSILON;
            if (method == Method.PRE_PUBLIC) {
                double g = Tokens.dot(x, a, i, d);
                for (int c = 0; c < d; c++) out[o + c] = x[o + c] + h * (a[o + c] - g * x[o + c]) / denominator;
            } else {
                for (int c = 0; c < d; c++) out[o + c] = x[o + c] + h * a[o + c] / denominator;
            }
            out[nd + i] = r;
        }
        space.retract(out, t + h);
    }

    @Override
    public Method method() { return method; }

    @Override
    public int evaluationsPerStep() { return 1; }
}
