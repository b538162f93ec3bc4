package org.attnflow.reference;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.integrate.StepPlan;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Method;
import org.attnflow.oracle.ApfloatMatrixExp;

/**
 * The double fixed-step schemes (org.attnflow.integrate) that {@link Method#replayable} names, replayed at working
 * precision, so that a double implementation of the same scheme can be checked for its rounding error alone. Per
 * token, with A = A_k the attention output at the directions (every head, every normalisation), G = ⟨θ, A⟩:
 * <ul>
 *   <li>{@code euler-postln} (S1, Euler on the stream then renormalise; spec/math.md §7.4): post θ ← N(θ + h A);
 *       pre y = rθ + hA, r ← ‖y‖, θ ← y/r; peri the same with A/‖A‖; ngpt θ ← N(θ + hα(A/‖A‖ − θ)); ln-scaling
 *       θ ← N(θ + (h/√(t+1)) A); mix post before τ, pre after;</li>
 *   <li>{@code euler-projected} (S2): y ← y + h f(t, y) on (θ, r), θ normalised ({@link ReferenceDynamics.Segment#velocity});</li>
 *   <li>in R^d both are S3: x ← x + h a;</li>
 *   <li>{@code rk4}: classical Runge–Kutta on (θ, r) with the velocity of {@link ReferenceDynamics}, stages at t,
 *       t + h/2, t + h/2, t + h, then θ normalised;</li>
 *   <li>{@code pre-public}: r ← r + h r Σ_c A_c, θ ← N(θ + h(A − Gθ)/(r + 10^-9)); {@code peri-public}:
 *       Â = A/(‖A‖ + 10^-9), r ← r + h r Σ_c Â_c, θ ← N(θ + hÂ/(r + 10^-9)); {@code ngpt-public}: θ ← N(θ + 0.2hÂ);</li>
 *   <li>{@code z-euler} (R^d, spec/math.md §8.6): x ← e^{hV}(x + h (A − V x)).</li>
 * </ul>
 * Same formulas in the same order as the double code, and the same step rule, {@link StepPlan} (decided in double,
 * exactly as there; the caller cuts the save intervals at the switch times). The step h is the 15-digit decimal of
 * the double step ({@link WorkingPrecision#ofTime}); the shortened step is t_b − (t_a + ⌊·⌋ h) at working precision.
 * After every step on the sphere, I1 is checked on the normalised directions, and I8 on the radii.
 */
final class FixedStepReplay implements Propagator {
    private final ReferenceDynamics dynamics;
    private final Method scheme;
    private final double h;
    private final Apfloat step;
    private final Apfloat half;
    private final Apfloat two;
    private final Apfloat six;
    private final Apfloat one;
    private final Apfloat epsilon;
    private final Apfloat rounding;
    private final Apfloat publicAlpha;
    private final int d;
    private final long p;
    private long steps;
    private Apfloat[] v; // z-euler: V at working precision
    private Apfloat[] exponential; // z-euler: e^{hV} of the last step size
    private Apfloat exponentialStep;

    FixedStepReplay(ReferenceDynamics dynamics, Method scheme, double h) {
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("solver.step must be > 0, got " + h);
        if (!scheme.replayable()) throw new IllegalArgumentException("method " + scheme.key() + " has no arbitrary-precision replay");
        String unsupported = scheme.unsupported(dynamics.model());
        if (unsupported != null) throw new IllegalArgumentException(unsupported);
        WorkingPrecision precision = dynamics.precision();
        this.dynamics = dynamics;
        this.scheme = scheme;
        this.h = h;
        this.step = precision.ofTime(h);
        this.half = precision.of("0.5");
        this.two = precision.of(2);
        this.six = precision.of(6);
        this.one = precision.of(1);
        this.epsilon = precision.of("1e-9");
        this.rounding = precision.tenToMinus(precision.precision() - 2);
        this.publicAlpha = precision.of(Method.PUBLIC_NGPT_ALPHA);
        this.d = dynamics.dimension();
        this.p = precision.precision();
    }

    @Override
    public long steps() { return steps; }

    @Override
    public long evaluations() { return dynamics.evaluations(); }

    @Override
    public long digits() { return dynamics.precision().precision(); }

    @Override
    public long rejected() { return 0; }

    @Override
    public Apfloat localErrors() { return Apfloat.ZERO; }

    /** 100 units of the last digit per step: a step is a few dozen roundings (a field evaluation, the update, the normalisation). */
    @Override
    public Apfloat roundingPerStep() { return rounding; }

    @Override
    public Apfloat[][] advance(Apfloat[][] x, double fromTime, double toTime, Apfloat from, Apfloat to) {
        ReferenceDynamics.Segment segment = dynamics.at(fromTime);
        StepPlan plan = StepPlan.between(fromTime, toTime, h);
        for (long i = 0; i < plan.fullSteps(); i++) x = step(segment, x, from.add(step.multiply(new Apfloat(i))).precision(p), step);
        if (plan.shortenedStep()) {
            Apfloat tl = from.add(step.multiply(new Apfloat(plan.fullSteps()))).precision(p);
            x = step(segment, x, tl, to.subtract(tl).precision(p));
        }
        return x;
    }

    private Apfloat[][] step(ReferenceDynamics.Segment segment, Apfloat[][] x, Apfloat t, Apfloat size) {
        Apfloat[][] out = States.copy(x);
        Apfloat end = t.add(size).precision(p);
        switch (scheme) {
            case EULER_POSTLN -> {
                if (streamStep(segment, x, t, size, out)) {
                    dynamics.checkRadius(out, end);
                    return out;
                }
            }
            case EULER_PROJECTED -> {
                Apfloat[][] v = States.like(x);
                segment.velocity(t, x, v);
                States.axpy(x, size, v, out, p);
            }
            case RK4 -> rk4(segment, x, t, size, out);
            case PRE_PUBLIC, PERI_PUBLIC, NGPT_PUBLIC -> publicStep(segment, x, size, out);
            case Z_EULER -> zEuler(segment, x, size, out);
            // every Method.replayable() scheme has its case above (FixedStepReplayTest runs them all)
            case DOPRI5, RKMK4, REFERENCE, ENCLOSURE -> throw new IllegalStateException(scheme.key() + " is not replayable");
        }
        steps++;
        dynamics.retract(out, steps, end, null);
        return out;
    }

    /**
     * S1 by the segment's scheme into out (a copy of x); true when the step already set the direction and the
     * radius (pre, peri: θ ← y/‖y‖ is the step's own normalisation), false when θ still has to be normalised.
     */
    private boolean streamStep(ReferenceDynamics.Segment segment, Apfloat[][] x, Apfloat t, Apfloat size, Apfloat[][] out) {
        int n = x.length;
        Apfloat[][] a = new Apfloat[n][d];
        segment.attention(x, a);
        LayerNorm s = segment.scheme();
        for (int i = 0; i < n; i++) {
            switch (s) {
                case POST -> {
                    for (int c = 0; c < d; c++) out[i][c] = x[i][c].add(size.multiply(a[i][c])).precision(p);
                }
                case PRE, PERI -> {
                    Apfloat r = x[i][d];
                    Apfloat scale = s == LayerNorm.PERI ? one.divide(norm(a[i], s, i, t)) : null;
                    Apfloat[] y = new Apfloat[d];
                    for (int c = 0; c < d; c++) {
                        Apfloat ac = scale == null ? a[i][c] : a[i][c].multiply(scale);
                        y[c] = r.multiply(x[i][c]).add(size.multiply(ac)).precision(p);
                    }
                    Apfloat rNew = ApfloatMath.sqrt(ReferenceAttention.dot(y, y).precision(p));
                    for (int c = 0; c < d; c++) out[i][c] = y[c].divide(rNew).precision(p);
                    out[i][d] = rNew.precision(p);
                }
                case NGPT -> {
                    Apfloat ha = size.multiply(segment.alpha());
                    Apfloat m = norm(a[i], s, i, t);
                    for (int c = 0; c < d; c++) out[i][c] = x[i][c].add(ha.multiply(a[i][c].divide(m).subtract(x[i][c]))).precision(p);
                }
                case LN_SCALING -> {
                    Apfloat hs = size.divide(ApfloatMath.sqrt(t.add(dynamics.clock()).add(one).precision(p)));
                    for (int c = 0; c < d; c++) out[i][c] = x[i][c].add(hs.multiply(a[i][c])).precision(p);
                }
                case MIX -> throw new IllegalStateException("mix is resolved into post and pre by its segments");
            }
        }
        if (s == LayerNorm.PRE || s == LayerNorm.PERI) {
            // θ = y/‖y‖ is already unit: the I1 check the other schemes get after their normalisation
            steps++;
            dynamics.checkNormalised(out, steps);
            return true;
        }
        return false;
    }

    /** The public simulator's steps (see the class comment), into out (a copy of x). */
    private void publicStep(ReferenceDynamics.Segment segment, Apfloat[][] x, Apfloat size, Apfloat[][] out) {
        int n = x.length;
        Apfloat[][] a = new Apfloat[n][d];
        segment.attention(x, a);
        for (int i = 0; i < n; i++) {
            if (scheme != Method.PRE_PUBLIC) {
                Apfloat m = ApfloatMath.sqrt(ReferenceAttention.dot(a[i], a[i]).precision(p)).add(epsilon);
                for (int c = 0; c < d; c++) a[i][c] = a[i][c].divide(m).precision(p);
            }
            if (scheme == Method.NGPT_PUBLIC) {
                Apfloat s = publicAlpha.multiply(size);
                for (int c = 0; c < d; c++) out[i][c] = x[i][c].add(s.multiply(a[i][c])).precision(p);
                continue;
            }
            Apfloat sum = a[i][0];
            for (int c = 1; c < d; c++) sum = sum.add(a[i][c]);
            Apfloat r = x[i][d].add(size.multiply(x[i][d]).multiply(sum)).precision(p);
            Apfloat denominator = r.add(epsilon);
            Apfloat g = scheme == Method.PRE_PUBLIC ? dot(x[i], a[i]) : null;
            for (int c = 0; c < d; c++) {
                Apfloat direction = g == null ? a[i][c] : a[i][c].subtract(g.multiply(x[i][c]));
                out[i][c] = x[i][c].add(size.multiply(direction).divide(denominator)).precision(p);
            }
            out[i][d] = r;
        }
    }

    /**
     * z-euler (see the class comment) into out: y = x + h (A − V x), then out = e^{hV} y, e^{hV} at working precision
     * ({@link ApfloatMatrixExp}, certified), formed once per step size.
     */
    private void zEuler(ReferenceDynamics.Segment segment, Apfloat[][] x, Apfloat size, Apfloat[][] out) {
        int n = x.length;
        Apfloat[][] a = new Apfloat[n][d];
        segment.attention(x, a);
        if (v == null) {
            v = new Apfloat[d * d];
            BigDecimal[] exact = dynamics.model().v().toArray();
            for (int k = 0; k < v.length; k++) v[k] = dynamics.precision().of(exact[k]);
        }
        if (!size.equals(exponentialStep)) {
            exponential = ApfloatMatrixExp.exp(dynamics.model().v(), new BigDecimal(size.toString(true)), p);
            exponentialStep = size;
        }
        Apfloat[] y = new Apfloat[d];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                Apfloat vx = v[r * d].multiply(x[i][0]);
                for (int c = 1; c < d; c++) vx = vx.add(v[r * d + c].multiply(x[i][c]));
                y[r] = x[i][r].add(size.multiply(a[i][r].subtract(vx))).precision(p);
            }
            for (int r = 0; r < d; r++) {
                Apfloat e = exponential[r * d].multiply(y[0]);
                for (int c = 1; c < d; c++) e = e.add(exponential[r * d + c].multiply(y[c]));
                out[i][r] = e.precision(p);
            }
        }
    }

    /** ⟨θ, a⟩ over the d direction entries of a state row. */
    private Apfloat dot(Apfloat[] row, Apfloat[] a) {
        Apfloat s = row[0].multiply(a[0]);
        for (int c = 1; c < d; c++) s = s.add(row[c].multiply(a[c]));
        return s;
    }

    private Apfloat norm(Apfloat[] a, LayerNorm s, int i, Apfloat t) {
        Apfloat squared = ReferenceAttention.dot(a, a);
        if (squared.signum() == 0) throw ReferenceDynamics.attentionVanishes(s, i, t);
        return ApfloatMath.sqrt(squared.precision(p));
    }

    /** out = x + h/6 (k1 + 2 (k2 + k3) + k4), stages as ClassicalRk4 (at t, t + h/2, t + h/2, t + h). */
    private void rk4(ReferenceDynamics.Segment segment, Apfloat[][] x, Apfloat t, Apfloat size, Apfloat[][] out) {
        Apfloat halfStep = half.multiply(size);
        Apfloat mid = t.add(halfStep).precision(p);
        Apfloat end = t.add(size).precision(p);
        Apfloat[][] k1 = States.like(x), k2 = States.like(x), k3 = States.like(x), k4 = States.like(x), stage = States.like(x);
        segment.velocity(t, x, k1);
        States.axpy(x, halfStep, k1, stage, p);
        segment.velocity(mid, stage, k2);
        States.axpy(x, halfStep, k2, stage, p);
        segment.velocity(mid, stage, k3);
        States.axpy(x, size, k3, stage, p);
        segment.velocity(end, stage, k4);
        Apfloat sixth = size.divide(six);
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < x[i].length; c++) {
                Apfloat sum = k1[i][c].add(two.multiply(k2[i][c].add(k3[i][c]))).add(k4[i][c]);
                out[i][c] = x[i][c].add(sixth.multiply(sum)).precision(p);
            }
        }
    }
}
