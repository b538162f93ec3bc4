package org.attnflow.reference;

import org.apfloat.Apfloat;

/**
 * The exponential the reference's field hands the kernel ({@link ReferenceAttention}): {@link FastExp} capped at the
 * working precision p, and what the {@link Exponential} contract promises on top of it.
 * <ul>
 *   <li>the result is positive and has finite precision, for every argument: e^0 is 1 at working precision (not
 *       Apfloat's exact {@code ONE}, which would make 1/Z an infinite expansion when every weight is 1, e.g. at
 *       β = 0), and an exact argument (infinite precision) is taken at working precision first;</li>
 *   <li>a weight e^{s−max} with s − max tiny carries working precision, not the fewer digits of s − max itself;</li>
 *   <li>the only exception is {@link ArithmeticException}, when e^x has no correct digit or |x| &ge; 10^18
 *       ({@link FastExp#exp(Apfloat)}): scores that far apart are beyond any model this solver runs.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class WorkingExp implements Exponential {
    private final long p;
    private final Apfloat one;

    WorkingExp(WorkingPrecision precision) {
        this.p = precision.precision();
        this.one = precision.of(1);
    }

    @Override
    public Apfloat exp(Apfloat x) {
        if (x.signum() == 0) return one;
        return FastExp.exp(x.precision() == Apfloat.INFINITE ? x.precision(p) : x, p);
    }
}
