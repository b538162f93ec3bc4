package org.attnflow.oracle;

import java.util.function.LongFunction;
import org.apfloat.Apfloat;

/**
 * The self-check of computations whose only error is rounding and precision-tied truncation: compute at a
 * working precision and again with more digits; the difference bounds the error of the first result (the
 * second's is smaller by the extra digits). If the two do not agree to the requested digits, the guard grows
 * and the pair is recomputed.
 */
final class PrecisionLadder {
    private PrecisionLadder() {}

    /** Extra digits of the checking computation over the checked one. */
    private static final long STEP = 10;
    private static final int ATTEMPTS = 6;

    /**
     * A vector certified to {@code digits} digits relative to its largest entry.
     *
     * @param compute the computation at a given working precision
     * @param guard   the first guess of the guard digits needed
     * @param what    a name for the error message
     */
    static Apfloat[] certify(LongFunction<Apfloat[]> compute, long digits, long guard, String what) {
        if (digits < 1) throw new IllegalArgumentException("digits must be >= 1, got " + digits);
        long g = Math.max(guard, 3);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Apfloat[] low = compute.apply(digits + g);
            Apfloat[] high = compute.apply(digits + g + STEP);
            Apfloat scale = Apfloats.maxAbs(high);
            Apfloat diff = Apfloats.maxAbsDifference(low, high);
            if (scale.signum() == 0 || Apfloats.isBelow(diff, digits + 1, scale)) return high;
            long correct = scale.scale() - diff.scale(); // digits the lower computation got right
            g += Math.max(STEP, digits + 3 - correct);
        }
        throw new ArithmeticException(what + ": could not certify " + digits + " digits (guard reached " + g + ")");
    }
}
