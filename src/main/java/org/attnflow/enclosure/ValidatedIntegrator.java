package org.attnflow.enclosure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.attnflow.enclosure.interval.Interval;
import org.attnflow.enclosure.interval.IntervalArithmetic;

/**
 * One validated step of the attention ODE: an interval Taylor method in Lohner's mean-value form.
 *
 * <ol>
 *   <li><b>A priori enclosure and remainder</b> (the high-order enclosure of Nedialkov, Jackson and Pryce, as in
 *       CAPD's {@code highOrderEnclosure} and VNODE-LP): with x_k(X) the Taylor coefficients over the current box
 *       X, Φ = Σ_{k&lt;K} [0,h]^k x_k(X) and a trial box E = Φ + W, if [0,h]^K·x_K(E) ⊆ int W then every
 *       solution starting in X exists on [0, h] and stays in Φ + [0,h]^K·x_K(E) ⊆ int E. (Proof: while the
 *       solution stays in E, Taylor's theorem with Lagrange remainder, componentwise, puts x(s) in
 *       Φ + [0,h]^K x_K(E) ⊆ int E, so it cannot reach the boundary of E first; inside the compact E it cannot
 *       blow up.) The same coefficient gives the remainder: x(h) = Σ_{k&lt;K} x_k(x0) h^k + h^K x_K(x(ξ)),
 *       x(ξ) ∈ E. W starts as [−2, 2]·h^K|x_K(X)| and is widened by 1.5 where the test fails (CAPD's rule).</li>
 *   <li><b>Taylor polynomial</b>: the orders k &lt; K1 at the centre x̂ plus the Jacobian of their sum over the box
 *       (mean-value theorem); the orders K1 ≤ k &lt; K are evaluated over the box directly (their Jacobian is
 *       O(h^{K1}): leaving it out wraps little and saves differentiating them).</li>
 *   <li>The set is moved in Lohner's QR coordinates ({@link Parallelepiped}).</li>
 * </ol>
 * The step size is the largest tried (growing by at most 2× per step, cut to land on the next saved time) whose
 * remainder stays below the tolerance 10^{−(digits−4)}·max(1, |x|); a failed try shrinks h. proofs-notes/enclosure.md
 * has the whole argument.
 */
final class ValidatedIntegrator {
    private static final MathContext STEP_DIGITS = new MathContext(3, RoundingMode.DOWN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final AttentionSeries series;
    private final EnclosureSettings settings;
    private final IntervalArithmetic ar;
    private final IntervalArithmetic aux;
    private final int n;
    private final BigDecimal tolerance;

    ValidatedIntegrator(AttentionSeries series, EnclosureSettings settings, IntervalArithmetic ar, IntervalArithmetic aux) {
        this.series = series;
        this.settings = settings;
        this.ar = ar;
        this.aux = aux;
        this.n = series.tokens() * series.dimension();
        this.tolerance = BigDecimal.ONE.scaleByPowerOfTen(-(settings.digits() - 4));
    }

    /** The result of a step: the moved set, the step taken and the step to try next. */
    record Step(Parallelepiped set, BigDecimal h, BigDecimal nextTry) {}

    /**
     * A step of length {@code min(hTry, hMax)} or shorter from the set; {@code hMax} is taken exactly when the
     * step reaches it (the next saved time).
     */
    Step step(Parallelepiped set, BigDecimal hTry, BigDecimal hMax) {
        int k1 = settings.jacobianOrder(), order = settings.order();
        Interval[] domain = set.domain();
        Jet.Arithmetic point = new Jet.Arithmetic(ar, aux, 0);
        Jet.Arithmetic box = new Jet.Arithmetic(ar, aux, n);
        Jet[] centre = new Jet[n], variables = new Jet[n];
        for (int i = 0; i < n; i++) {
            centre[i] = point.constant(Interval.point(set.center[i]));
            variables[i] = box.variable(domain[i], i);
        }
        Jet[][] atCentre = series.coefficients(point, centre, k1 - 1, 0);
        Jet[][] overBox = series.coefficients(box, variables, order, k1);
        BigDecimal scale = BigDecimal.ONE;
        for (Interval x : set.box) scale = scale.max(x.magnitude());
        BigDecimal bound = tolerance.multiply(scale);

        boolean last = hTry.compareTo(hMax) >= 0;
        BigDecimal h = last ? hMax : hTry.round(STEP_DIGITS);
        for (int attempt = 0; ; attempt++) {
            if (attempt == 60 || h.signum() == 0) {
                throw new EnclosureFailedException("no step size passes the a priori enclosure and remainder tests (last tried h = "
                        + h.round(new MathContext(3)) + ")");
            }
            Interval[] rem = enclose(overBox, h);
            if (rem != null) {
                BigDecimal size = BigDecimal.ZERO;
                for (Interval x : rem) size = size.max(x.magnitude());
                if (size.compareTo(bound) <= 0) {
                    Parallelepiped moved = set.move(sum(atCentre, overBox, rem, h), jacobian(overBox, h), settings.qr(), ar, aux);
                    BigDecimal base = last ? hTry : h;
                    return new Step(moved, h, base.multiply(growth(size, bound)).round(STEP_DIGITS));
                }
                h = h.multiply(shrink(size, bound)).round(STEP_DIGITS);
            } else {
                h = h.divide(TWO).round(STEP_DIGITS);
            }
            last = false;
        }
    }

    /** Factor for the next step after a remainder {@code size} ≤ bound: (bound/size)^{1/K}·0.9, in [1/2, 2]. */
    private double ratio(BigDecimal size, BigDecimal bound) {
        if (size.signum() == 0) return 2;
        double log = (log10(bound) - log10(size)) / settings.order();
        return 0.9 * Math.pow(10, log);
    }

    private BigDecimal growth(BigDecimal size, BigDecimal bound) { return BigDecimal.valueOf(Math.max(0.5, Math.min(2, ratio(size, bound)))); }

    private BigDecimal shrink(BigDecimal size, BigDecimal bound) { return BigDecimal.valueOf(Math.max(0.1, Math.min(0.7, ratio(size, bound)))); }

    private static double log10(BigDecimal x) { return Math.log10(x.unscaledValue().abs().doubleValue()) - x.scale(); }

    /**
     * The high-order a priori enclosure (class comment) for a step h from the box whose coefficients are
     * {@code overBox} (orders 0..K): the Lagrange remainder h^K·x_K(E) when the test passes, else null.
     */
    Interval[] enclose(Jet[][] overBox, BigDecimal h) {
        int order = settings.order();
        Interval range = new Interval(BigDecimal.ZERO, h);
        Interval hk = power(aux, h, order);
        Interval rangeK = new Interval(BigDecimal.ZERO, hk.upper());
        Interval[] phi = new Interval[n], w = new Interval[n];
        BigDecimal tiny = BigDecimal.ONE.scaleByPowerOfTen(-2 * settings.digits());
        for (int i = 0; i < n; i++) {
            Interval p = overBox[order - 1][i].value;
            for (int k = order - 2; k >= 0; k--) p = aux.add(aux.multiply(p, range), overBox[k][i].value);
            phi[i] = p;
            BigDecimal guess = aux.multiply(hk, overBox[order][i].value.magnitude()).upper();
            w[i] = IntervalArithmetic.symmetric(guess.multiply(TWO).add(tiny));
        }
        Jet.Arithmetic values = new Jet.Arithmetic(aux, aux, 0);
        for (int attempt = 0; attempt < 12; attempt++) {
            Jet[] e = new Jet[n];
            for (int i = 0; i < n; i++) e[i] = values.constant(aux.add(phi[i], w[i]));
            Jet[][] c;
            try {
                c = series.coefficients(values, e, order, 0);
            } catch (ArithmeticException tooWide) {
                return null; // the trial box left the arithmetic's range: h is far too long
            }
            boolean inside = true;
            Interval[] rem = new Interval[n];
            for (int i = 0; i < n; i++) {
                Interval xk = c[order][i].value;
                rem[i] = aux.multiply(xk, hk);
                Interval spread = aux.multiply(xk, rangeK);
                if (!spread.isInsideInterior(w[i])) {
                    inside = false;
                    BigDecimal r = w[i].magnitude().max(spread.magnitude()).multiply(new BigDecimal("1.5"));
                    w[i] = IntervalArithmetic.symmetric(r);
                }
            }
            if (inside) return rem;
        }
        return null;
    }

    /** Σ_{k&lt;K1} h^k x_k(x̂) + Σ_{K1≤k&lt;K} h^k x_k(X) + remainder, at full precision. */
    private Interval[] sum(Jet[][] atCentre, Jet[][] overBox, Interval[] rem, BigDecimal h) {
        int k1 = atCentre.length, order = overBox.length - 1;
        Interval hi = Interval.point(h);
        Interval hk1 = power(ar, h, k1);
        Interval[] y = new Interval[n];
        for (int i = 0; i < n; i++) {
            Interval taylor = atCentre[k1 - 1][i].value;
            for (int k = k1 - 2; k >= 0; k--) taylor = ar.add(ar.multiply(taylor, hi), atCentre[k][i].value);
            Interval tail = Interval.ZERO;
            for (int k = order - 1; k >= k1; k--) tail = ar.add(ar.multiply(tail, hi), overBox[k][i].value);
            y[i] = ar.add(ar.add(taylor, ar.multiply(tail, hk1)), rem[i]);
        }
        return y;
    }

    /** Σ_{k&lt;K1} h^k Dx_k over the box (D x_0 = I). */
    private Interval[][] jacobian(Jet[][] overBox, BigDecimal h) {
        int k1 = settings.jacobianOrder();
        Interval hi = Interval.point(h);
        Interval[][] j = new Interval[n][n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < n; m++) {
                Interval sum = overBox[k1 - 1][i].partials[m];
                for (int k = k1 - 2; k >= 0; k--) sum = aux.add(aux.multiply(sum, hi), overBox[k][i].partials[m]);
                j[i][m] = sum;
            }
        }
        return j;
    }

    private static Interval power(IntervalArithmetic a, BigDecimal h, int k) {
        Interval p = Interval.ONE, hi = Interval.point(h);
        for (int i = 0; i < k; i++) p = a.multiply(p, hi);
        return p;
    }

    private static Jet[] constants(Jet.Arithmetic ar, Interval[] x) {
        Jet[] jets = new Jet[x.length];
        for (int i = 0; i < x.length; i++) jets[i] = ar.constant(x[i]);
        return jets;
    }

    private static Interval[] values(Jet[] jets) {
        Interval[] v = new Interval[jets.length];
        for (int i = 0; i < v.length; i++) v[i] = jets[i].value;
        return v;
    }
}
