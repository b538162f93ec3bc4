package org.attnflow.oracle;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * O1, two causal tokens (M3 with Q = K = V = I, any d ≥ 2, β ≥ 0). Token 1 never moves (it attends only to
 * itself, I3); token 2 stays in the plane of x1 and x2(0), and the angle φ between them obeys
 * <pre>  φ' = −sin φ / (1 + e^{β(1 − cos φ)}),  0 &lt; φ(0) = φ0 &lt; π.</pre>
 * (From Z = e^{β cos φ} + e^β and d cos φ/dt = ⟨x1, ẋ2⟩ = e^{β cos φ} sin²φ / Z.)
 *
 * <p><b>Time as a function of the angle.</b> Separating variables, dt = −(1 + e^{β(1−cos φ)}) dφ / sin φ. With
 * v = tan(φ/2) and y = β(1 − cos φ) = 2βv²/(1+v²) one has dφ/sin φ = dv/v and, for β &gt; 0,
 * dφ/sin φ = β dy / (y(2β − y)), so the time from φ0 to φ is
 * <pre>  T = 2 ln(v0/v) + ∫_y^{y0} β (e^s − 1) / (s (2β − s)) ds,</pre>
 * the form of spec/math.md §5 with the logarithmic singularity at φ = 0 taken out analytically. The integrand is
 * analytic on [0, y0] (its only pole is s = 2β, i.e. φ = π) and needs one exponential per node, no
 * trigonometric function. For β = 0 the integral vanishes: tan(φ/2) = tan(φ0/2) e^{−t/2}.
 *
 * <p><b>Angle as a function of time.</b> The unknown is w = ln tan(φ/2), in which T is decreasing and concave
 * with T'(w) = −(1 + e^{y}) ∈ [−(1 + e^{y0}), −2]: the slope bounds give the bracket
 * w0 − t/2 ≤ w(t) ≤ w0 − t/(1 + e^{y0}) for {@link NewtonInverse}. An error δ in w is a relative error ≤ δ in
 * φ (dφ/dw = sin φ ≤ φ), so angles keep their relative digits even when φ(t) ~ e^{−t/2} is tiny.
 *
 * <p><b>State.</b> x1(t) = x1(0)/‖x1(0)‖ and x2(t) = cos φ(t) x̂1 + sin φ(t) ŵ, where ŵ is the unit direction
 * of the component of x2(0) orthogonal to x1(0); cos φ = (1−v²)/(1+v²), sin φ = 2v/(1+v²).
 */
public final class TwoCausalTokens {
    private final BigDecimal beta;
    /** The tokens as given (not normalised), or null when built from an angle. */
    private final BigDecimal[] x1, x2;
    /** The starting angle when built from one, else null. */
    private final BigDecimal phi0;
    private final int d;
    /** Starts already computed, by working precision (a solve revisits a few precisions many times). */
    private final ConcurrentHashMap<Long, Start> starts = new ConcurrentHashMap<>();

    private TwoCausalTokens(BigDecimal beta, BigDecimal[] x1, BigDecimal[] x2, BigDecimal phi0, int d) {
        if (beta.signum() < 0) throw new IllegalArgumentException("beta must be >= 0, got " + beta.toPlainString());
        this.beta = beta;
        this.x1 = x1;
        this.x2 = x2;
        this.phi0 = phi0;
        this.d = d;
    }

    /**
     * Two tokens given as exact decimals, normalised here at working precision. They must not be parallel:
     * φ0 = 0 is a rest point and φ0 = π an unstable equilibrium the formula excludes.
     */
    public static TwoCausalTokens ofTokens(BigDecimal beta, BigDecimal[] x1, BigDecimal[] x2) {
        if (x1.length != x2.length || x1.length < 2) {
            throw new IllegalArgumentException("two tokens of the same dimension d >= 2 are needed, got " + x1.length + " and " + x2.length);
        }
        BigDecimal[] a = x1.clone(), b = x2.clone();
        if (dot(a, a).signum() == 0) throw new IllegalArgumentException("x1 must not be zero");
        if (crossSquared(a, b).signum() == 0) throw new IllegalArgumentException("x1 and x2 are parallel: the angle must lie strictly between 0 and pi");
        return new TwoCausalTokens(beta, a, b, null, a.length);
    }

    /** The tokens x1 = e1, x2(0) = cos φ0 e1 + sin φ0 e2 in d = 2, from the angle 0 &lt; φ0 &lt; π. */
    public static TwoCausalTokens ofAngle(BigDecimal beta, BigDecimal phi0) {
        Apfloat angle = new Apfloat(phi0, phi0.precision() + 10);
        if (phi0.signum() <= 0 || angle.compareTo(ApfloatMath.pi(phi0.precision() + 10)) >= 0) {
            throw new IllegalArgumentException("the starting angle must lie strictly between 0 and pi, got " + phi0.toPlainString());
        }
        return new TwoCausalTokens(beta, null, null, phi0, 2);
    }

    /** Double-precision convenience: the exact values of the doubles. */
    public static TwoCausalTokens ofTokens(double beta, double[] x1, double[] x2) {
        return ofTokens(new BigDecimal(beta), Apfloats.exactDecimals(x1), Apfloats.exactDecimals(x2));
    }

    public int dimension() { return d; }

    public BigDecimal beta() { return beta; }

    /** φ(t) with a relative error below 10^{-digits}. */
    public Apfloat angleAt(BigDecimal t, long digits) {
        Apfloat w = logHalfTangentAt(t, digits + 1);
        long p = Apfloats.precisionOf(w, digits + 10);
        Apfloat phi = ApfloatMath.atan(ExpSeries.exp(w, p)).multiply(new Apfloat(2));
        return Apfloats.round(phi, digits);
    }

    /** φ(t) in double, at the exact time the double {@code t} denotes. */
    public double angleAt(double t) { return angleAt(Apfloats.exactTime(t), Apfloats.DOUBLE_DIGITS).doubleValue(); }

    /**
     * Both tokens at time t, row-major 2×d (token 1 first), each entry with an absolute error below
     * 10^{-digits}.
     */
    public Apfloat[] stateAt(BigDecimal t, long digits) {
        Apfloat w = logHalfTangentAt(t, digits + 2);
        long p = Apfloats.precisionOf(w, digits + 10);
        Start s = start(p);
        Apfloat v = ExpSeries.exp(w, p);
        Apfloat one = new Apfloat(1, p);
        Apfloat v2 = v.multiply(v), denominator = one.add(v2);
        Apfloat cos = one.subtract(v2).divide(denominator), sin = v.multiply(new Apfloat(2)).divide(denominator);
        Apfloat[] x = new Apfloat[2 * d];
        for (int c = 0; c < d; c++) {
            x[c] = s.x1[c];
            x[d + c] = cos.multiply(s.x1[c]).add(sin.multiply(s.w[c]));
        }
        return Apfloats.round(x, digits);
    }

    /** Both tokens in double, row-major 2×d, at the exact time the double {@code t} denotes. */
    public double[] stateAt(double t) { return Apfloats.toDoubles(stateAt(Apfloats.exactTime(t), Apfloats.DOUBLE_DIGITS)); }

    /**
     * T(φ): the time the flow takes from φ0 to φ (0 &lt; φ ≤ φ0), with an absolute error below
     * 10^{-digits}. The forward map, used to check {@link #angleAt} and exposed for tests of other codes.
     */
    public Apfloat timeToReach(Apfloat phi, long digits) {
        if (phi.signum() <= 0) throw new IllegalArgumentException("the angle must be > 0");
        long p = digits + 8;
        for (int attempt = 0; attempt < 3; attempt++) {
            Apfloat halfPhi = phi.precision(p + 5).divide(new Apfloat(2));
            Apfloat w = ApfloatMath.log(ApfloatMath.tan(halfPhi)).precision(p);
            NewtonInverse.Evaluation e = time(start(p), w, p);
            if (Apfloats.isBelow(e.error(), digits, Apfloat.ONE)) {
                return Apfloats.round(e.value(), Math.max(1, digits + e.value().scale()));
            }
            p += Math.max(5, e.error().scale() + digits + 2);
        }
        throw new ArithmeticException("O1: T(phi) could not be certified to " + digits + " digits");
    }

    /** w(t) = ln tan(φ(t)/2) with an absolute error below 10^{-digits}. */
    Apfloat logHalfTangentAt(BigDecimal t, long digits) {
        if (t.signum() < 0) throw new IllegalArgumentException("t must be >= 0, got " + t.toPlainString());
        Start rough = start(20);
        double w0 = rough.w0.doubleValue();
        long cancellation = (long) Math.ceil(Math.log10(2 + t.doubleValue() + 4 * Math.abs(w0)));
        long p = digits + cancellation + 4;
        Start s = start(p);
        if (t.signum() == 0) return s.w0;
        Apfloat tp = Apfloats.of(t, p);
        if (beta.signum() == 0) return s.w0.subtract(tp.divide(new Apfloat(2)));
        Apfloat wLo = s.w0.subtract(tp.divide(new Apfloat(2)));
        Apfloat wHi = s.w0.subtract(tp.divide(new Apfloat(2, p).add(ExpSeries.expm1(s.y0, p))));
        return NewtonInverse.solve((w, q) -> time(start(q), w, q), t, wLo, wHi, digits, cancellation, "O1 two causal tokens");
    }

    /** T(w) and T'(w) at precision p, with the quadrature's error estimate plus rounding. */
    private NewtonInverse.Evaluation time(Start s, Apfloat w, long p) {
        Apfloat one = new Apfloat(1, p);
        Apfloat logs = s.w0.subtract(w).multiply(new Apfloat(2));
        if (beta.signum() == 0) {
            return new NewtonInverse.Evaluation(logs, new Apfloat(-2, p), Apfloats.tenToMinus(p - 3).multiply(ApfloatMath.abs(s.w0).add(ApfloatMath.abs(w)).add(one)));
        }
        Apfloat v = ExpSeries.exp(w, p);
        Apfloat v2 = v.multiply(v);
        Apfloat y = s.twoBeta.multiply(v2).divide(one.add(v2));
        Apfloat b = s.beta;
        Apfloat twoBeta = s.twoBeta;
        TanhSinhQuadrature.Result integral = TanhSinhQuadrature.atPrecision(p).integrate(
                u -> b.multiply(ExpSeries.expm1(u, p)).divide(u.multiply(twoBeta.subtract(u))), y, s.y0,
                ApfloatMath.abs(logs).add(one));
        Apfloat value = logs.add(integral.value());
        Apfloat slope = new Apfloat(-2, p).subtract(ExpSeries.expm1(y, p));
        Apfloat rounding = Apfloats.tenToMinus(p - 3).multiply(ApfloatMath.abs(s.w0).add(ApfloatMath.abs(w)).add(integral.value()).add(one));
        return new NewtonInverse.Evaluation(value, slope, integral.error().add(rounding));
    }

    /** The start at precision p: unit x1, unit ŵ, v0 = tan(φ0/2), w0 = ln v0, y0 = 2βv0²/(1+v0²). */
    private record Start(Apfloat[] x1, Apfloat[] w, Apfloat w0, Apfloat y0, Apfloat beta, Apfloat twoBeta) {}

    private Start start(long p) { return starts.computeIfAbsent(p, this::computeStart); }

    private Start computeStart(long p) {
        long q = p + 5;
        Apfloat one = new Apfloat(1, q);
        Apfloat[] u1 = new Apfloat[d], uw = new Apfloat[d];
        Apfloat v0;
        if (phi0 != null) {
            for (int c = 0; c < d; c++) { u1[c] = Apfloat.ZERO; uw[c] = Apfloat.ZERO; }
            u1[0] = one;
            uw[1] = one;
            v0 = ApfloatMath.tan(Apfloats.of(phi0, q).divide(new Apfloat(2)));
        } else {
            // Exact decimal arithmetic for everything that could cancel: c = ⟨x1,x2⟩, S² = |x1|²|x2|² − c²,
            // and the orthogonal part |x1|² x2 − c x1; only square roots are rounded.
            BigDecimal c = dot(x1, x2), n11 = dot(x1, x1), n22 = dot(x2, x2);
            Apfloat norm1 = ApfloatMath.sqrt(Apfloats.of(n11, q));
            BigDecimal[] perp = new BigDecimal[d];
            for (int k = 0; k < d; k++) perp[k] = n11.multiply(x2[k]).subtract(c.multiply(x1[k]));
            Apfloat normPerp = ApfloatMath.sqrt(Apfloats.of(dot(perp, perp), q));
            for (int k = 0; k < d; k++) {
                u1[k] = Apfloats.of(x1[k], q).divide(norm1);
                uw[k] = Apfloats.of(perp[k], q).divide(normPerp);
            }
            Apfloat sinTimes = ApfloatMath.sqrt(Apfloats.of(crossSquared(x1, x2), q)); // |x1||x2| sin φ0
            Apfloat normProduct = ApfloatMath.sqrt(Apfloats.of(n11.multiply(n22), q)); // |x1||x2|
            Apfloat cos = Apfloats.of(c, q);                                               // |x1||x2| cos φ0
            // tan(φ0/2) = sin/(1 + cos) = (1 − cos)/sin: take the form without cancellation
            v0 = c.signum() >= 0 ? sinTimes.divide(normProduct.add(cos)) : normProduct.subtract(cos).divide(sinTimes);
        }
        Apfloat betaP = Apfloats.of(beta, q);
        Apfloat twoBeta = betaP.multiply(new Apfloat(2));
        Apfloat v02 = v0.multiply(v0);
        Apfloat y0 = twoBeta.multiply(v02).divide(one.add(v02));
        return new Start(Apfloats.round(u1, p), Apfloats.round(uw, p), ApfloatMath.log(v0).precision(p), y0.precision(p),
                betaP.precision(p), twoBeta.precision(p));
    }

    private static BigDecimal dot(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) s = s.add(a[i].multiply(b[i]));
        return s;
    }

    /** |a|²|b|² − ⟨a,b⟩² (Lagrange's identity: |a|²|b|² sin² of the angle), exactly. */
    private static BigDecimal crossSquared(BigDecimal[] a, BigDecimal[] b) {
        BigDecimal ab = dot(a, b);
        return dot(a, a).multiply(dot(b, b)).subtract(ab.multiply(ab));
    }
}
