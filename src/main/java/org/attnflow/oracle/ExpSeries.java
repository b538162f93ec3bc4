package org.attnflow.oracle;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * e^x − 1 and e^x to a requested precision: a Taylor series on r = x/2^m (|r| < 2^-10) followed by m
 * doublings E(2r) = E(r)·(2 + E(r)), where E = e^· − 1. The doubling formula never subtracts nearly equal
 * numbers (2 + E lies in (1, ∞)), so e^x − 1 keeps its relative precision for tiny x, which
 * {@code exp(x) − 1} in Apfloat would not (Apfloat lowers the precision of a cancelling difference).
 *
 * <p>Why the oracles carry their own: {@link ApfloatMath#exp} costs ~1.5 ms at 50 digits on these machines,
 * and the quadratures evaluate thousands of exponentials; this series costs a few tens of microseconds. It is
 * tested against {@link ApfloatMath#exp} to the last digit. It is kept apart from the reference solver's own
 * fast exp on purpose: the oracles are what the reference is checked against.
 */
public final class ExpSeries {
    private ExpSeries() {}

    private static final Apfloat TWO = new Apfloat(2);

    /** e^x − 1 with a relative error below 10^{-precision} (up to a few units of the last digit). */
    public static Apfloat expm1(Apfloat x, long precision) {
        if (x.signum() == 0) return Apfloat.ZERO;
        // |x| < 10^scale; halve until |r| < 2^-10, so each Taylor term gains ≥ 3 digits.
        long scale = x.scale();
        int halvings = (int) Math.max(0, Math.ceil(scale * 3.3219280948873626) + 10);
        if (halvings > 62) throw new ArithmeticException("expm1 argument too large: " + x.toString(true));
        // Each doubling may double the relative error once E ≥ 1: that is the factor |x| (exp's own condition
        // number) times 2^10 from the reduction, plus rounding in every step.
        long guard = 6 + digits(Math.abs(x.doubleValue()) + 1) + digits(halvings + 1);
        long work = precision + guard;
        Apfloat r = x.precision(work).divide(new Apfloat(1L << halvings));
        Apfloat sum = r;
        Apfloat term = r;
        for (long k = 2; ; k++) {
            term = term.multiply(r).divide(new Apfloat(k));
            sum = sum.add(term);
            if (term.signum() == 0 || term.scale() < sum.scale() - work - 1) break;
        }
        for (int i = 0; i < halvings; i++) sum = sum.multiply(sum.add(TWO));
        return sum.precision(precision);
    }

    /** e^x with a relative error below 10^{-precision} (up to a few units of the last digit). */
    public static Apfloat exp(Apfloat x, long precision) {
        if (x.signum() == 0) return new Apfloat(1, precision);
        long work = precision + 3;
        if (x.signum() > 0) return Apfloat.ONE.add(expm1(x, work)).precision(precision);
        // 1 + E would cancel for E near −1: take the reciprocal of e^{−x} instead.
        Apfloat positive = Apfloat.ONE.add(expm1(x.negate(), work)).precision(work);
        return new Apfloat(1, work).divide(positive).precision(precision);
    }

    /** Decimal digits of the integer part of v (≥ 1). */
    private static long digits(double v) { return (long) Math.ceil(Math.log10(Math.max(v, 1))) + 1; }
}
