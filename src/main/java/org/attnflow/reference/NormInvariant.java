package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * I1 on the sphere (every ‖x_i‖ = 1) at run time, and the retraction that restores it.
 *
 * <p>The check: |‖x_i‖² − 1| ≤ 10^-digits (the squared norm avoids a square root per token; it is about twice
 * |‖x_i‖ − 1|, so the check is slightly stricter than |‖x_i‖ − 1| ≤ 10^-digits).
 *
 * <p>The retraction x_i ← x_i/‖x_i‖ is applied only to tokens whose squared norm is off 1 by more than the
 * rounding of a normalisation (10^{-(p−2)}, p the working precision): normalising is not idempotent in rounding
 * arithmetic, and re-normalising an already unit token would only stir its last digits, so that a stationary
 * token (I3) would not keep its digits.
 */
final class NormInvariant {
    private final Apfloat one;
    private final int digits;
    private final Apfloat limit;
    private final Apfloat roundingLevel;

    NormInvariant(WorkingPrecision precision) {
        this.one = precision.of(1);
        this.digits = precision.digits();
        this.limit = precision.tenToMinus(digits);
        this.roundingLevel = precision.tenToMinus(precision.precision() - 2);
    }

    /** I1 on every token of x; {@code what} says which state (e.g. "after the step, before retraction"). */
    void check(Apfloat[][] x, long step, String what) {
        for (int i = 0; i < x.length; i++) check(x, i, step, what);
    }

    /** I1 on x as the step left it, then the retraction of the tokens that drifted past rounding. */
    void checkAndRetract(Apfloat[][] x, long step) {
        for (int i = 0; i < x.length; i++) {
            if (check(x, i, step, "after the step, before retraction").compareTo(roundingLevel) > 0) {
                Apfloat[] unit = new Apfloat[x[i].length];
                ReferenceAttention.normalize(x[i], unit);
                x[i] = unit;
            }
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

    /** |‖x_i‖² − 1|, after checking it against the limit. */
    private Apfloat check(Apfloat[][] x, int i, long step, String what) {
        Apfloat drift = ApfloatMath.abs(ReferenceAttention.dot(x[i], x[i]).subtract(one));
        if (drift.compareTo(limit) > 0) {
            throw new InvariantViolation("I1", step, i, drift.toString(true), "|‖x‖² − 1| exceeds 10^-" + digits + " " + what);
        }
        return drift;
    }
}
