package org.attnflow.oracle;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * O6, the causal model M3 on the circle (Q = K = V = I, d = 2) in angles: x_k = (cos φ_k, sin φ_k) and
 * <pre>  φ_k' = (1/Z_k) Σ_{j&lt;k} e^{β(cos(φ_j−φ_k)−1)} sin(φ_j − φ_k),   Z_k = Σ_{j≤k} e^{β(cos(φ_k−φ_j)−1)}.</pre>
 * (The tangent of the circle at x_k is (−sin φ_k, cos φ_k), and ⟨x_j, that⟩ = sin(φ_j − φ_k); the factor e^{−β}
 * in numerator and denominator keeps every exponent ≤ 0.) An independent formulation of the same dynamics to
 * test the vector code against, and the form mpmath's odefun is benchmarked on. Tokens are 0-based: token 0
 * attends only to itself and never moves.
 */
public final class CausalCircle {
    private final BigDecimal beta;
    private final double betaDouble;

    public CausalCircle(BigDecimal beta) {
        if (beta.signum() < 0) throw new IllegalArgumentException("beta must be >= 0, got " + beta.toPlainString());
        this.beta = beta;
        this.betaDouble = beta.doubleValue();
    }

    public CausalCircle(double beta) { this(new BigDecimal(beta)); }

    /** φ' for every token, in double, exactly as the formula is written. */
    public void angularVelocity(double[] phi, double[] out) {
        if (out.length != phi.length) throw new IllegalArgumentException("phi and out differ in length");
        for (int k = 0; k < phi.length; k++) {
            double z = 0, sum = 0;
            for (int j = 0; j <= k; j++) {
                double delta = phi[j] - phi[k];
                double weight = Math.exp(betaDouble * (Math.cos(delta) - 1));
                z += weight;
                if (j < k) sum += weight * Math.sin(delta);
            }
            out[k] = sum / z;
        }
    }

    /**
     * φ' for every token with an absolute error of about 10^{-precision} (carried at a few more digits). cos φ_k and sin φ_k
     * are computed once per token and the differences by the addition formulas, so that only n trigonometric
     * pairs and n(n+1)/2 exponentials are evaluated; an absolute error ε in cos(φ_j − φ_k) − 1 is a relative
     * error βε of its weight, so the addition formulas cost nothing that matters.
     */
    public Apfloat[] angularVelocity(Apfloat[] phi, long precision) {
        long p = precision + 5;
        int n = phi.length;
        Apfloat[] cos = new Apfloat[n], sin = new Apfloat[n];
        for (int k = 0; k < n; k++) {
            Apfloat angle = phi[k].precision(p);
            cos[k] = ApfloatMath.cos(angle);
            sin[k] = ApfloatMath.sin(angle);
        }
        Apfloat b = Apfloats.of(beta, p), one = new Apfloat(1, p);
        Apfloat[] out = new Apfloat[n];
        for (int k = 0; k < n; k++) {
            Apfloat z = one, sum = Apfloat.ZERO; // j = k contributes e^0 = 1 to Z and sin 0 = 0 to the sum
            for (int j = 0; j < k; j++) {
                Apfloat cosDelta = cos[j].multiply(cos[k]).add(sin[j].multiply(sin[k]));
                Apfloat sinDelta = sin[j].multiply(cos[k]).subtract(cos[j].multiply(sin[k]));
                Apfloat weight = ExpSeries.exp(b.multiply(cosDelta.subtract(one)), p);
                z = z.add(weight);
                sum = sum.add(weight.multiply(sinDelta));
            }
            out[k] = sum.divide(z);
        }
        return out;
    }

    /** The tokens (cos φ_k, sin φ_k), row-major n×2. */
    public static double[] toState(double[] phi) {
        double[] x = new double[2 * phi.length];
        for (int k = 0; k < phi.length; k++) {
            x[2 * k] = Math.cos(phi[k]);
            x[2 * k + 1] = Math.sin(phi[k]);
        }
        return x;
    }

    /** The tokens' velocities φ_k' (−sin φ_k, cos φ_k), row-major n×2. */
    public static double[] toVelocity(double[] phi, double[] phiDot) {
        double[] v = new double[2 * phi.length];
        for (int k = 0; k < phi.length; k++) {
            v[2 * k] = -phiDot[k] * Math.sin(phi[k]);
            v[2 * k + 1] = phiDot[k] * Math.cos(phi[k]);
        }
        return v;
    }
}
