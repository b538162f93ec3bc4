package org.attnflow.oracle;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Normalization;

/**
 * O2 extended to the normalisation schemes (spec/math.md §7.3): with full attention, Q = K = V = I (in each of H
 * identical heads), n orthonormal directions and equal radii r_0, every ⟨θ_i, θ_j⟩ (i ≠ j) equals one γ(t), γ(0) = 0,
 * and every radius one r(t). With Z = e^β + (n−1)e^{βγ} (softmax), n (mean, count-n) or 1 (none),
 * a = e^β/Z, b = e^{βγ}/Z and c = H (sum of H heads) or 1:
 * <pre>
 *   F = c b (1 − γ)(1 + (n−1)γ),   G = c (a + (n−1) b γ),   M = c √(a² + 2(n−1)abγ + (n−1)b²(1 + (n−2)γ)),
 *   γ̇ = 2F/s,   with  s = 1 (post), r (pre), r M (peri), M/α (ngpt), √(t+1) (ln-scaling),
 *   ṙ = G (pre), G/M (peri), 0 otherwise;   mix: post for t ≤ τ, pre after.
 * </pre>
 * This class integrates that scalar system itself, in w = ln(1 − γ) (so that 1 − γ keeps its relative digits near
 * the cluster, spec/math.md §6): dw/dt = −2 c b (1 + (n−1)γ)/s. The integrator is Gragg's modified midpoint rule with
 * Aitken–Neville extrapolation on a fixed grid of macro steps (Hairer, Nørsett &amp; Wanner, §II.9), written here
 * and sharing nothing with the reference solver (which integrates the n-body system with its own code): the answer is
 * certified by comparing the last two columns of every step's tableau, and the macro step is halved until their sum
 * is below the requested digits. Steps end exactly at τ (mix).
 *
 * <p>Checked against the 40-digit values of spec/math.md §9.3 (mpmath's Taylor solver) in EquiangularSchemesTest.
 */
public final class EquiangularSchemes {

    private final LayerNorm scheme;
    private final Normalization normalization;
    private final int n;
    private final BigDecimal beta;
    private final BigDecimal r0;
    private final BigDecimal alpha;
    private final BigDecimal tau;
    private final int headFactor;
    private final java.util.Map<Long, Apfloat> expBeta = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param scheme        the normalisation scheme
     * @param normalization softmax, mean, count-n or none (full attention)
     * @param n             tokens, ≥ 2
     * @param r0            the common initial radius
     * @param alpha         nGPT's α (ngpt only, else ignored)
     * @param tau           Mix-LN's switch time (mix only, else ignored)
     * @param heads         H identical heads
     * @param combine       how they combine
     */
    public EquiangularSchemes(LayerNorm scheme, Normalization normalization, int n, BigDecimal beta, BigDecimal r0, BigDecimal alpha,
                              BigDecimal tau, int heads, HeadCombine combine) {
        if (n < 2) throw new IllegalArgumentException("the equiangular start needs n >= 2 tokens, got " + n);
        if (scheme == LayerNorm.NGPT && (alpha == null || alpha.signum() <= 0)) throw new IllegalArgumentException("ngpt needs alpha > 0");
        if (scheme == LayerNorm.MIX && (tau == null || tau.signum() <= 0)) throw new IllegalArgumentException("mix needs tau > 0");
        this.scheme = scheme;
        this.normalization = normalization;
        this.n = n;
        this.beta = beta;
        this.r0 = r0;
        this.alpha = alpha;
        this.tau = tau;
        this.headFactor = combine == HeadCombine.SUM ? heads : 1;
    }

    /** γ(t) and r(t), each with an absolute error below 10^{-digits}. */
    public Apfloat[] at(BigDecimal t, long digits) {
        return at(new BigDecimal[] {t}, digits)[0];
    }

    /**
     * γ and r at each of the increasing times {@code times} (≥ 0), each with an absolute error below 10^{-digits}:
     * one integration through them all.
     */
    public Apfloat[][] at(BigDecimal[] times, long digits) {
        long p = digits + 12;
        for (int perUnit = 8; perUnit < 1 << 14; perUnit *= 2) {
            Apfloat[] err = {new Apfloat(0, p)};
            Apfloat[][] w = integrate(times, perUnit, p, err);
            if (err[0].compareTo(Apfloats.tenToMinus(digits + 2)) <= 0) {
                Apfloat[][] out = new Apfloat[times.length][];
                for (int k = 0; k < times.length; k++) {
                    Apfloat gamma = new Apfloat(1, p).subtract(ExpSeries.exp(w[k][0], p)).precision(p);
                    out[k] = new Apfloat[] {Apfloats.round(gamma, digits + 1), Apfloats.round(w[k][1], digits + 1), w[k][0]};
                }
                return out;
            }
        }
        throw new ArithmeticException("equiangular scheme oracle: no certified answer");
    }

    /** γ(t) and r(t) in double, at the exact times the doubles denote; ln(1 − γ) as the third entry. */
    public double[][] at(double[] times) {
        BigDecimal[] exact = new BigDecimal[times.length];
        for (int k = 0; k < times.length; k++) exact[k] = Apfloats.exactTime(times[k]);
        Apfloat[][] y = at(exact, Apfloats.DOUBLE_DIGITS);
        double[][] out = new double[times.length][];
        for (int k = 0; k < times.length; k++) out[k] = new double[] {y[k][0].doubleValue(), y[k][1].doubleValue(), y[k][2].doubleValue()};
        return out;
    }

    /**
     * (w, r) at each of the times from (0, r0), macro steps of about 1/perUnit landing on every time and on τ (mix);
     * err receives the sum of the steps' estimates.
     */
    private Apfloat[][] integrate(BigDecimal[] times, int perUnit, long p, Apfloat[] err) {
        Apfloat[] y = {new Apfloat(0, p), Apfloats.of(r0, p)};
        Apfloat[][] out = new Apfloat[times.length][];
        Apfloat now = new Apfloat(0, p);
        boolean switched = scheme != LayerNorm.MIX;
        for (int k = 0; k < times.length; k++) {
            Apfloat target = Apfloats.of(times[k], p);
            if (!switched && tau.compareTo(times[k]) < 0) {
                Apfloat switchTime = Apfloats.of(tau, p);
                y = stretch(y, now, switchTime, perUnit, LayerNorm.POST, p, err);
                now = switchTime;
                switched = true;
            }
            LayerNorm active = scheme == LayerNorm.MIX ? (switched ? LayerNorm.PRE : LayerNorm.POST) : scheme;
            y = stretch(y, now, target, perUnit, active, p, err);
            now = target;
            out[k] = y.clone();
        }
        return out;
    }

    /** Equal macro steps of about 1/perUnit of one scheme from t0 to t1. */
    private Apfloat[] stretch(Apfloat[] y, Apfloat t0, Apfloat t1, int perUnit, LayerNorm s, long p, Apfloat[] err) {
        if (t1.compareTo(t0) <= 0) return y;
        int m = Math.max(1, (int) Math.ceil(t1.subtract(t0).doubleValue() * perUnit));
        Apfloat big = t1.subtract(t0).divide(new Apfloat(m, p));
        for (int k = 0; k < m; k++) {
            Apfloat tk = t0.add(big.multiply(new Apfloat(k, p))).precision(p);
            y = macroStep(y, tk, big, s, p, err);
        }
        return y;
    }

    /** One extrapolated step of size H from (t, y): rows n_j = 2(j+1) substeps, Aitken–Neville on H². */
    private Apfloat[] macroStep(Apfloat[] y, Apfloat t, Apfloat big, LayerNorm s, long p, Apfloat[] err) {
        // columns of the tableau (order 2·columns): about what the digits want at macro steps of ~1/8
        int columns = (int) Math.max(6, Math.min(14, (p - 12) * 0.4));
        Apfloat[][] previous = null;
        Apfloat[] f0 = rhs(t, y, s, p);
        Apfloat[][] row = null;
        for (int j = 0; j < columns; j++) {
            int sub = 2 * (j + 1);
            row = new Apfloat[j + 1][];
            row[0] = midpoint(y, f0, t, big, sub, s, p);
            for (int k = 1; k <= j; k++) {
                long a = (long) sub * sub;
                long b = (long) (2 * (j - k + 1)) * (2 * (j - k + 1));
                Apfloat c = new Apfloat(b, p).divide(new Apfloat(a - b, p));
                row[k] = new Apfloat[2];
                for (int e = 0; e < 2; e++) row[k][e] = row[k - 1][e].add(c.multiply(row[k - 1][e].subtract(previous[k - 1][e]))).precision(p);
            }
            previous = row;
        }
        Apfloat estimate = ApfloatMath.abs(row[columns - 1][0].subtract(row[columns - 2][0]))
                .add(ApfloatMath.abs(row[columns - 1][1].subtract(row[columns - 2][1])));
        err[0] = err[0].add(estimate);
        return row[columns - 1];
    }

    private Apfloat[] midpoint(Apfloat[] y, Apfloat[] f0, Apfloat t, Apfloat big, int sub, LayerNorm s, long p) {
        Apfloat h = big.divide(new Apfloat(sub, p));
        Apfloat[] before = y.clone();
        Apfloat[] current = {y[0].add(h.multiply(f0[0])).precision(p), y[1].add(h.multiply(f0[1])).precision(p)};
        Apfloat twoH = h.add(h);
        for (int m = 1; m < sub; m++) {
            Apfloat[] f = rhs(t.add(h.multiply(new Apfloat(m, p))).precision(p), current, s, p);
            Apfloat[] next = {before[0].add(twoH.multiply(f[0])).precision(p), before[1].add(twoH.multiply(f[1])).precision(p)};
            before = current;
            current = next;
        }
        return current;
    }

    /** (dw/dt, dr/dt) of scheme s at (t, w, r). */
    private Apfloat[] rhs(Apfloat t, Apfloat[] y, LayerNorm s, long p) {
        Apfloat one = new Apfloat(1, p);
        Apfloat b0 = Apfloats.of(beta, p);
        // fixed precision, as in floating point: the digits 1 − e^w loses near w = 0 are absolute zeros (spec/math.md §6)
        Apfloat gamma = one.subtract(ExpSeries.exp(y[0], p)).precision(p);
        Apfloat r = y[1];
        Apfloat nm1 = new Apfloat(n - 1, p);
        Apfloat eBeta = expBeta.computeIfAbsent(p, q -> b0.signum() == 0 ? one : ExpSeries.exp(b0, q));
        Apfloat eBetaGamma = b0.signum() == 0 || gamma.signum() == 0 ? one : ExpSeries.exp(b0.multiply(gamma).precision(p), p);
        Apfloat z = switch (normalization) {
            case SOFTMAX -> eBeta.add(nm1.multiply(eBetaGamma));
            case MEAN, COUNT_N -> new Apfloat(n, p);
            case NONE -> one;
        };
        Apfloat c = new Apfloat(headFactor, p);
        Apfloat a = c.multiply(eBeta).divide(z);
        Apfloat b = c.multiply(eBetaGamma).divide(z);
        Apfloat pull = b.multiply(one.add(nm1.multiply(gamma))); // F/(1 − γ)
        Apfloat g = a.add(nm1.multiply(b).multiply(gamma));
        Apfloat m2 = a.multiply(a).add(new Apfloat(2, p).multiply(nm1).multiply(a).multiply(b).multiply(gamma))
                .add(nm1.multiply(b).multiply(b).multiply(one.add(new Apfloat(n - 2, p).multiply(gamma))));
        Apfloat m = ApfloatMath.sqrt(m2);
        Apfloat speed; // 1/s
        Apfloat radial = new Apfloat(0, p);
        switch (s) {
            case POST -> speed = one;
            case PRE -> {
                speed = one.divide(r);
                radial = g;
            }
            case PERI -> {
                speed = one.divide(r.multiply(m));
                radial = g.divide(m);
            }
            case NGPT -> speed = Apfloats.of(alpha, p).divide(m);
            case LN_SCALING -> speed = one.divide(ApfloatMath.sqrt(t.add(one).precision(p)));
            default -> throw new IllegalStateException(s.key());
        }
        Apfloat dw = new Apfloat(-2, p).multiply(pull).multiply(speed);
        return new Apfloat[] {dw.precision(p), radial.precision(p)};
    }
}
