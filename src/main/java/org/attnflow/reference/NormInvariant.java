package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * I1 on the sphere (every ‖x_i‖ = 1) at run time, at three places, each with a tolerance derived from the digits the
 * arithmetic carries (p, the working precision; u = 10^{1−p}, the most a rounding at p digits moves a number,
 * relatively):
 * <ol>
 *   <li><b>every velocity is tangent</b> ({@link #checkTangent}): the field's ‖θ‖²A − ⟨θ, A⟩θ is exactly tangent, and
 *       A − ⟨θ, A⟩θ has ⟨θ, ·⟩ = ⟨θ, A⟩(1 − ‖θ‖²); the computed ⟨θ, v⟩ must be that within 8(d + 2)·u times the size of
 *       the terms that cancel in it. A push off the sphere far below the digits asked for (10^-24 at 20 digits) stops
 *       the first evaluation;</li>
 *   <li><b>after a normalisation</b> ({@link #checkNormalised}: the replays, the pre/peri schemes): |‖θ‖² − 1| ≤
 *       4(d + 4)·u, the rounding of a square root, d quotients and the check's own d products and sums;</li>
 *   <li><b>after an extrapolation step</b> ({@link #checkAndRetract}): |‖θ‖² − 1| at most the limit the integrator
 *       derives from its local tolerance (the exact flow stays on the sphere, so the drift is at most twice the step's
 *       local error, which the integrator bounds).</li>
 * </ol>
 * Squared norms avoid a square root per token; |‖x‖² − 1| ≈ 2|‖x‖ − 1|.
 *
 * <p>The retraction x_i ← x_i/‖x_i‖ is applied only to tokens whose squared norm is off 1 by more than the rounding
 * of a normalisation (10^{-(p−2)}): normalising is not idempotent in rounding arithmetic, and re-normalising an already
 * unit token would only stir its last digits, so that a stationary token (I3) would not keep its digits.
 */
final class NormInvariant {
    private final Apfloat one;
    private final long p;
    private final Apfloat unit; // u = 10^{1-p}
    private final Apfloat roundingLevel;

    NormInvariant(WorkingPrecision precision) {
        this.one = precision.of(1);
        this.p = precision.precision();
        this.unit = precision.tenToMinus(p - 1);
        this.roundingLevel = precision.tenToMinus(p - 2);
    }

    /** The tolerance of {@link #checkNormalised} for a token of dimension d: 4(d + 4)·10^{1−p}. */
    Apfloat normalisedLimit(int d) { return unit.multiply(new Apfloat(4L * (d + 4))); }

    /** I1 on every token of x after a normalisation; {@code what} says which state. */
    void checkNormalised(Apfloat[][] x, long step, String what) {
        for (int i = 0; i < x.length; i++) {
            Apfloat limit = normalisedLimit(x[i].length);
            Apfloat drift = drift(x[i]);
            if (drift.compareTo(limit) > 0) {
                throw new InvariantViolation("I1", step, i, drift.toString(true), "|‖x‖² − 1| exceeds the rounding of a normalisation, "
                        + limit.precision(3).toString(true) + ", " + what);
            }
        }
    }

    /**
     * I1 on x as an extrapolation step left it (|‖x_i‖² − 1| ≤ limit), then the retraction of the tokens that
     * drifted past rounding.
     */
    void checkAndRetract(Apfloat[][] x, long step, Apfloat limit) {
        for (int i = 0; i < x.length; i++) {
            Apfloat drift = drift(x[i]);
            if (drift.compareTo(limit) > 0) {
                throw new InvariantViolation("I1", step, i, drift.toString(true), "|‖x‖² − 1| exceeds " + limit.precision(3).toString(true)
                        + ", twice the step's local error bound, after the step, before retraction");
            }
            if (drift.compareTo(roundingLevel) > 0) {
                Apfloat[] unit = new Apfloat[x[i].length];
                ReferenceAttention.normalize(x[i], unit);
                x[i] = unit;
            }
        }
    }

    /** max_i |‖x_i‖² − 1|: the integrator's lower bound on a step's local error (twice it). */
    Apfloat maxDrift(Apfloat[][] x) {
        Apfloat max = Apfloat.ZERO;
        for (Apfloat[] token : x) max = ApfloatMath.max(max, drift(token));
        return max;
    }

    /**
     * I1 on the velocity v of token i (direction x, attention output a, g = ⟨x, a⟩ and xx = ⟨x, x⟩ as the velocity
     * was formed with them): ⟨x, v⟩ must be 0 for the tangent extension xx·a − g·x, g(1 − xx) for a − g·x, within
     * 8(d + 2)·10^{1−p}·Σ_c |x_c|(|s·a_c| + |g·x_c|), s = xx or 1: the size of what cancels, times the rounding of the
     * d entries and of the inner product. A failure is a velocity with a component off the sphere.
     */
    void checkTangent(int i, Apfloat[] x, Apfloat[] a, Apfloat g, Apfloat xx, Apfloat[] v, boolean extension) {
        int d = v.length;
        Apfloat inner = ReferenceAttention.dot(x, v);
        Apfloat expected = extension ? Apfloat.ZERO : g.multiply(one.subtract(xx));
        Apfloat off = ApfloatMath.abs(inner.subtract(expected));
        if (off.signum() == 0) return;
        // the size of what cancels needs 5 digits, not the working precision: its operands are cut to 5 first
        Apfloat g5 = ApfloatMath.abs(g.precision(5)), s5 = extension ? ApfloatMath.abs(xx.precision(5)) : one;
        Apfloat size = Apfloat.ZERO;
        for (int c = 0; c < d; c++) {
            Apfloat x5 = ApfloatMath.abs(x[c].precision(5));
            size = size.add(x5.multiply(s5.multiply(ApfloatMath.abs(a[c].precision(5))).add(g5.multiply(x5))));
        }
        Apfloat limit = unit.multiply(new Apfloat(8L * (d + 2))).multiply(size.precision(5));
        if (off.compareTo(limit) > 0) {
            throw new InvariantViolation("I1", -1, i, inner.precision(5).toString(true), "the velocity is not tangent to the sphere: ⟨θ, θ̇⟩ is off by "
                    + off.precision(3).toString(true) + ", beyond its rounding " + limit.precision(3).toString(true));
        }
    }

    /**
     * max_i |‖x_i‖ − 1| at the state's precision, as a double (the run record's norm drift): computed as
     * (‖x‖² − 1)/(‖x‖ + 1), which has no cancellation beyond that of ‖x‖² − 1 itself.
     */
    static double maxNormDrift(Apfloat[][] x) {
        double max = 0;
        for (Apfloat[] token : x) {
            Apfloat squared = ReferenceAttention.dot(token, token);
            Apfloat one = new Apfloat(1, squared.precision());
            Apfloat off = squared.subtract(one).divide(ApfloatMath.sqrt(squared).add(one));
            max = Math.max(max, Math.abs(off.doubleValue()));
        }
        return max;
    }

    /** |‖x‖² − 1|. */
    private Apfloat drift(Apfloat[] x) {
        return ApfloatMath.abs(ReferenceAttention.dot(x, x).subtract(one));
    }
}
