package org.attnflow.oracle;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.Normalization;

/**
 * O2, the equiangular start: M1 (softmax, SA) or M2 (mean, USA) with Q = K = V = I and n ≥ 2 orthonormal
 * tokens (d ≥ n). By permutation symmetry all ⟨x_i, x_j⟩ (i ≠ j) stay equal to one γ(t), γ(0) = 0, with
 * <pre>  γ' = 2 e^{βγ} (1 − γ) ((n−1)γ + 1) / Z,   Z = e^β + (n−1) e^{βγ} (SA),  Z = n (USA, count-n),  Z = 1 (none),</pre>
 * and γ(t) → 1 (one cluster). Derivation: ẋ_i = (e^{βγ}/Z)(Σ_{j≠i} x_j − (n−1)γ x_i), then
 * d⟨x_i,x_k⟩/dt = 2(e^{βγ}/Z)(1 + (n−2)γ − (n−1)γ²).
 *
 * <p><b>Time as a function of γ.</b> With ρ = 1 − γ, 1/γ' = (p e^{βρ} + q) / (2ρ(n − (n−1)ρ)) where (p, q) =
 * (1, n−1) for SA and
 * (Z e^{−β}, 0) for the others. Splitting p e^{βρ} + q = (p+q) + p(e^{βρ} − 1) and
 * 1/(ρ(n−(n−1)ρ)) = (1/n)(1/ρ + (n−1)/(n−(n−1)ρ)) leaves one logarithm in closed form:
 * <pre>  t = −K ln ρ + ∫_ρ^1 [ K(n−1)/(n−(n−1)r) + p (e^{βr} − 1) / (2r(n−(n−1)r)) ] dr,   K = (p+q)/(2n),</pre>
 * with an integrand analytic on [0, 1] (pole at r = n/(n−1)). It is integrated by tanh-sinh and inverted by
 * Newton in w = ln ρ ({@link NewtonInverse}), where t is decreasing and concave with
 * t'(w) = −(p e^{βρ} + q)/(2(n−(n−1)ρ)) ∈ [−(p e^β + q)/2, −K]; hence the bracket −t/K ≤ w ≤ −2t/(p e^β + q).
 * Quadrature and Newton were preferred to a Taylor method because the same two pieces serve O1 and the
 * separated form comes with a checkable residual. An error δ in w is a relative error δ in 1 − γ, so the
 * approach to the cluster (1 − γ ~ e^{−2t} for SA) keeps its relative digits.
 *
 * <p><b>State.</b> From an orthonormal start u_1..u_n, symmetry gives x_i(t) = a u_i + b Σ_{j≠i} u_j. The Gram
 * matrix (1−γ)I + γ11ᵀ has eigenvalues 1 − γ (on 1^⊥) and 1 + (n−1)γ (on 1), and the coefficient matrix
 * (a − b)I + b11ᵀ is its square root, so a − b = √(1−γ), a + (n−1)b = √(1+(n−1)γ), i.e.
 * <pre>  x_i = √ρ u_i + b S,  S = Σ_j u_j,  b = γ / (√(1+(n−1)γ) + √ρ)</pre>
 * (positive roots: a = 1, b = 0 at t = 0; the last form avoids the cancellation of (e − c)/n).
 */
public final class EquiangularStart {
    private final Normalization normalization;
    private final int n;
    private final BigDecimal beta;
    private final ConcurrentHashMap<Long, Constants> constants = new ConcurrentHashMap<>();

    public EquiangularStart(Normalization normalization, int n, BigDecimal beta) {
        if (n < 2) throw new IllegalArgumentException("the equiangular start needs n >= 2 tokens, got " + n);
        if (beta.signum() < 0) throw new IllegalArgumentException("beta must be >= 0, got " + beta.toPlainString());
        this.normalization = normalization;
        this.n = n;
        this.beta = beta;
    }

    public EquiangularStart(Normalization normalization, int n, double beta) { this(normalization, n, new BigDecimal(beta)); }

    public int tokens() { return n; }

    /** 1 − γ(t) with a relative error below 10^{-digits}. */
    public Apfloat oneMinusGammaAt(BigDecimal t, long digits) {
        Apfloat w = logOneMinusGammaAt(t, digits + 1);
        return Apfloats.round(ExpSeries.exp(w, Apfloats.precisionOf(w, digits + 10)), digits);
    }

    /** γ(t) with an absolute error below 10^{-digits}. */
    public Apfloat gammaAt(BigDecimal t, long digits) {
        Apfloat w = logOneMinusGammaAt(t, digits + 1);
        long p = Apfloats.precisionOf(w, digits + 10);
        Apfloat gamma = new Apfloat(1, p).subtract(ExpSeries.exp(w, p));
        return gamma.signum() == 0 ? gamma : Apfloats.round(gamma, Math.max(1, digits + gamma.scale()));
    }

    /** γ(t) in double, at the exact time the double {@code t} denotes. */
    public double gammaAt(double t) { return gammaAt(Apfloats.exactTime(t), Apfloats.DOUBLE_DIGITS).doubleValue(); }

    /**
     * The tokens at time t from the standard-basis start x_i(0) = e_i in R^d (d ≥ n), row-major n×d, each
     * entry with an absolute error below 10^{-digits}.
     */
    public Apfloat[] stateAt(BigDecimal t, long digits, int d) {
        if (d < n) throw new IllegalArgumentException("an orthonormal start of " + n + " tokens needs d >= n, got d = " + d);
        Apfloat[] ab = coefficients(t, digits + 2);
        Apfloat[] x = new Apfloat[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) x[i * d + c] = c >= n ? Apfloat.ZERO : (c == i ? ab[0] : ab[1]);
        }
        return Apfloats.round(x, digits);
    }

    /** The standard-basis start's tokens in double, row-major n×d. */
    public double[] stateAt(double t, int d) { return Apfloats.toDoubles(stateAt(Apfloats.exactTime(t), Apfloats.DOUBLE_DIGITS, d)); }

    /**
     * The tokens at time t from the orthonormal start given by the rows of {@code u} (n×d, row-major):
     * x_i = a u_i + b Σ_{j≠i} u_j. Exact for exactly orthonormal rows; for rounded rows the result is off by
     * the order of their departure from orthonormality.
     */
    public double[] stateAt(double t, double[] u) {
        if (u.length % n != 0) throw new IllegalArgumentException("u must hold n = " + n + " rows, got " + u.length + " entries");
        int d = u.length / n;
        double[] ab = Apfloats.toDoubles(coefficients(Apfloats.exactTime(t), Apfloats.DOUBLE_DIGITS));
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double coefficient = i == j ? ab[0] : ab[1];
                for (int c = 0; c < d; c++) x[i * d + c] += coefficient * u[j * d + c];
            }
        }
        return x;
    }

    /**
     * The time at which γ reaches {@code gamma} (0 ≤ γ &lt; 1), with an absolute error below 10^{-digits}.
     */
    public Apfloat timeToReach(Apfloat gamma, long digits) {
        if (gamma.signum() < 0 || gamma.compareTo(Apfloat.ONE) >= 0) throw new IllegalArgumentException("gamma must lie in [0, 1)");
        long p = digits + 8;
        for (int attempt = 0; attempt < 3; attempt++) {
            Apfloat rho = new Apfloat(1, p + 5).subtract(gamma.precision(p + 5));
            NewtonInverse.Evaluation e = time(ApfloatMath.log(rho).precision(p), p);
            if (Apfloats.isBelow(e.error(), digits, Apfloat.ONE)) {
                return e.value().signum() == 0 ? e.value() : Apfloats.round(e.value(), Math.max(1, digits + e.value().scale()));
            }
            p += Math.max(5, e.error().scale() + digits + 2);
        }
        throw new ArithmeticException("O2: t(gamma) could not be certified to " + digits + " digits");
    }

    /** (a, b) of x_i = a u_i + b Σ_{j≠i} u_j, with an absolute error below 10^{-digits}. */
    private Apfloat[] coefficients(BigDecimal t, long digits) {
        Apfloat w = logOneMinusGammaAt(t, digits + 1);
        long p = Apfloats.precisionOf(w, digits + 10);
        Apfloat one = new Apfloat(1, p);
        Apfloat rho = ExpSeries.exp(w, p);
        Apfloat gamma = one.subtract(rho);
        Apfloat c = ApfloatMath.sqrt(rho);
        Apfloat e = ApfloatMath.sqrt(new Apfloat(n, p).subtract(new Apfloat(n - 1).multiply(rho)));
        Apfloat b = gamma.divide(e.add(c));
        return new Apfloat[] {c.add(b), b};
    }

    /** w(t) = ln(1 − γ(t)) with an absolute error below 10^{-digits}. */
    Apfloat logOneMinusGammaAt(BigDecimal t, long digits) {
        if (t.signum() < 0) throw new IllegalArgumentException("t must be >= 0, got " + t.toPlainString());
        Constants rough = constants(20);
        double k = rough.k.doubleValue();
        // t − t(w) cancels log10(t / |t'|) digits, |t'| ≥ K
        long cancellation = (long) Math.ceil(Math.log10(2 + t.doubleValue() / k));
        long p = digits + cancellation + 4;
        if (t.signum() == 0) return Apfloat.ZERO;
        Constants c = constants(p);
        Apfloat tp = Apfloats.of(t, p);
        Apfloat wLo = tp.divide(c.k).negate();
        Apfloat wHi = tp.multiply(new Apfloat(2)).divide(c.p.multiply(c.expBeta).add(c.q)).negate();
        return NewtonInverse.solve((w, q) -> time(w, q), t, wLo, wHi, digits, cancellation,
                "O2 equiangular start (" + normalization + ", n = " + n + ")");
    }

    /** t(w) and t'(w) at precision p, with the quadrature's error estimate plus rounding. */
    private NewtonInverse.Evaluation time(Apfloat w, long p) {
        Constants c = constants(p);
        Apfloat one = new Apfloat(1, p), two = new Apfloat(2);
        Apfloat nn = new Apfloat(n, p), nMinus1 = new Apfloat(n - 1, p);
        Apfloat rho = ExpSeries.exp(w, p);
        Apfloat log = c.k.multiply(w).negate();
        Apfloat kn = c.k.multiply(nMinus1);
        TanhSinhQuadrature.Result integral = TanhSinhQuadrature.atPrecision(p).integrate(r -> {
            Apfloat denominator = nn.subtract(nMinus1.multiply(r));
            Apfloat smooth = kn.divide(denominator);
            if (c.beta.signum() == 0) return smooth;
            return smooth.add(c.p.multiply(ExpSeries.expm1(c.beta.multiply(r), p)).divide(two.multiply(r).multiply(denominator)));
        }, rho, one, ApfloatMath.abs(log).add(one));
        Apfloat value = log.add(integral.value());
        Apfloat expBetaRho = c.beta.signum() == 0 ? one : ExpSeries.exp(c.beta.multiply(rho), p);
        Apfloat slope = c.p.multiply(expBetaRho).add(c.q).divide(two.multiply(nn.subtract(nMinus1.multiply(rho)))).negate();
        Apfloat rounding = Apfloats.tenToMinus(p - 3).multiply(ApfloatMath.abs(log).add(integral.value()).add(one));
        return new NewtonInverse.Evaluation(value, slope, integral.error().add(rounding));
    }

    /** β, e^β, the weights (p, q) of the normalisation and K = (p+q)/(2n), at one precision. */
    private record Constants(Apfloat beta, Apfloat expBeta, Apfloat p, Apfloat q, Apfloat k) {}

    private Constants constants(long precision) { return constants.computeIfAbsent(precision, this::computeConstants); }

    private Constants computeConstants(long precision) {
        long w = precision + 5;
        Apfloat b = Apfloats.of(beta, w);
        Apfloat expBeta = b.signum() == 0 ? new Apfloat(1, w) : ExpSeries.exp(b, w);
        Apfloat p, q;
        if (normalization == Normalization.SOFTMAX) {
            p = new Apfloat(1, w);
            q = new Apfloat(n - 1, w);
        } else {
            // Z = n (mean, count-n: full attention) or 1 (none), so p e^{βρ} = Z e^{−βγ}
            p = new Apfloat(normalization == Normalization.NONE ? 1 : n, w).divide(expBeta);
            q = Apfloat.ZERO;
        }
        Apfloat k = p.add(q).divide(new Apfloat(2 * (long) n, w));
        return new Constants(b.precision(precision), expBeta.precision(precision), p.precision(precision),
                q.signum() == 0 ? q : q.precision(precision), k.precision(precision));
    }
}
