package org.attnflow.reference;

import java.util.concurrent.ConcurrentHashMap;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * e^x in Apfloat, about 40 times faster than {@link ApfloatMath#exp} at 100 digits, with the same digits.
 *
 * <p>Why it is fast: {@code ApfloatMath.exp} inverts a logarithm by Newton's method (several full-precision
 * logarithms, each an AGM); for the 30–100 digits of the reference a Taylor series is cheaper once its argument is
 * small. Three reductions make it small:
 * <ol>
 *   <li>x = k·ln 10 + r with |r| ≤ ln 10 / 2, so that e^x = 10^k·e^r and 10^k is an exact shift of the decimal
 *       exponent (Apfloat's radix is 10): any |x| (the e^{2t}-growing scores of M4) costs the same;</li>
 *   <li>r = m/256 + u with |u| ≤ 1/512, e^r = e^{m/256}·e^u, the e^{m/256} tabulated once per precision;</li>
 *   <li>e^u = (e^{u/2^s})^{2^s}: s halvings shrink the argument to ~10^{-0.3 s}, so the series needs few terms;
 *       the s squarings double the relative error s times, which the guard digits absorb.</li>
 * </ol>
 * The polynomial is evaluated by Horner's rule on 1/j! cached per precision: no division in the loop.
 *
 * <p>Precision follows {@code ApfloatMath.exp}: x is taken as exact to its precision p, and since an absolute
 * error of 10^{s−p} in x (10^s its magnitude) is a relative error of the same size in e^x, the result carries
 * p − s digits: fewer than x for |x| &gt; 1, more for |x| &lt; 1 (e^x = 1 + x + …: the digits of x reappear
 * after the leading 1). Thread-safe.
 */
public final class FastExp {
    private FastExp() {}

    /** ln 10, |r| beyond which the first reduction applies. */
    private static final double LN10 = 2.302585092994046;
    /** Table spacing 1/256 (exact in decimal: 0.00390625); entries for |m| ≤ 512, i.e. |r| ≤ 2. */
    private static final int TABLE_STEPS = 256;
    private static final int TABLE_HALF = 512;
    private static final Apfloat TABLE_SPACING = new Apfloat("0.00390625", Apfloat.INFINITE); // exact

    /** ln 10 at the highest precision asked so far; lower precisions are truncations of it. */
    private static Apfloat ln10;

    /**
     * e^x to as many digits as x determines (see the class comment); x must have finite precision unless zero.
     * Throws {@link ArithmeticException} only when e^x has no correct digit (|x| &ge; 10^precision) or when
     * |x| &ge; 10^18 (e^x = 10^(±4·10^17), near the end of Apfloat's exponent range, which is a long).
     */
    public static Apfloat exp(Apfloat x) { return exp(x, Apfloat.INFINITE); }

    /**
     * e^x to as many digits as x determines, but at most {@code maxPrecision}: the solver caps at its working
     * precision, where e^x for a tiny x would otherwise carry the digits of 1 + x far beyond it. Any finite x whose
     * e^x Apfloat can represent (see {@link #exp(Apfloat)} for the two exceptions).
     */
    public static Apfloat exp(Apfloat x, long maxPrecision) {
        if (x.signum() == 0) return Apfloat.ONE; // exactly 1, as ApfloatMath.exp: e^0 = 1 is not a rounding
        long p = x.precision();
        if (p == Apfloat.INFINITE) throw new IllegalArgumentException("exp of an exact value needs a precision: build x at working precision");
        long integerDigits = Math.max(0, x.scale());
        long resultPrecision = Math.min(maxPrecision, p - x.scale()); // absolute precision of x = relative of e^x
        if (resultPrecision < 1) {
            throw new ArithmeticException("exp(" + x.precision(20).toString(true) + ") has no correct digit at precision " + p);
        }

        // series and tables come in steps of 10 digits, so that the few precisions of a run (p, p − 1, …: the
        // integer digits of x come off) share one table
        Series series = Series.forPrecision((resultPrecision + 9) / 10 * 10);
        long work = series.work;

        long k = reductionMultiple(x, integerDigits);
        Apfloat r = x.precision(work + integerDigits); // x exact: pad, then r keeps `work` digits after the point
        if (k != 0) r = r.subtract(new Apfloat(k).multiply(ln10(work + integerDigits + 2)));
        r = r.precision(work);
        int m = (int) Math.max(-TABLE_HALF, Math.min(TABLE_HALF, Math.round(r.doubleValue() * TABLE_STEPS)));
        Apfloat y = m == 0 ? r : r.subtract(TABLE_SPACING.multiply(new Apfloat(m)));
        if (series.halvings > 0) y = y.divide(new Apfloat(1L << series.halvings));

        Apfloat sum = series.inverseFactorials[series.terms];
        for (int j = series.terms - 1; j >= 0; j--) sum = sum.multiply(y).add(series.inverseFactorials[j]);
        for (int i = 0; i < series.halvings; i++) sum = sum.multiply(sum);
        if (m != 0) sum = sum.multiply(series.table[m + TABLE_HALF]);
        return (k == 0 ? sum : ApfloatMath.scale(sum, k)).precision(resultPrecision);
    }

    /**
     * k = round(x / ln 10), the power of 10 taken out of e^x. From the double of x while that is exact enough
     * (|x| &lt; 10^12: the double's relative error 10^-16 moves k by far less than 1/2), else by an Apfloat division
     * with enough digits for every integer digit of x.
     */
    private static long reductionMultiple(Apfloat x, long integerDigits) {
        double estimate = x.doubleValue();
        if (Math.abs(estimate) < 1e12) return Math.round(estimate / LN10);
        if (integerDigits > 18) throw new ArithmeticException("exp(" + x.precision(20).toString(true) + "): |x| >= 10^18 is beyond this exponential's range");
        Apfloat quotient = x.precision(integerDigits + 10).divide(ln10(integerDigits + 12));
        return ApfloatMath.round(quotient, Math.max(1, quotient.scale()), java.math.RoundingMode.HALF_EVEN).longValue();
    }

    /**
     * The series for one result precision: the number s of halvings and the degree N of the Taylor polynomial
     * that together cost the fewest multiplications (s squarings + N Horner steps) while the truncation
     * (1/512/2^s)^{N+1}/(N+1)! stays below 10^-work; the 1/j! and the table of e^{m/256} at the working
     * precision.
     */
    private static final class Series {
        private static final ConcurrentHashMap<Long, Series> BY_PRECISION = new ConcurrentHashMap<>();

        final int halvings;
        final int terms;
        final long work;
        final Apfloat[] inverseFactorials;
        final Apfloat[] table; // e^{m/256}, m = -512..512, at index m + 512

        private Series(long precision) {
            int bestS = 0, bestN = Integer.MAX_VALUE;
            for (int s = 0; s <= 60; s++) {
                long w = precision + 6 + (long) Math.ceil(0.302 * s); // the squarings double the relative error s times
                int n = degreeFor(-Math.log10(2.0 * TABLE_STEPS) - s * Math.log10(2), w);
                if (s + n < bestS + bestN) { bestS = s; bestN = n; }
            }
            halvings = bestS;
            terms = bestN;
            work = precision + 6 + (long) Math.ceil(0.302 * bestS);
            // 1/j! as fresh numbers of exactly `work` digits (a truncated view of a longer number, which
            // Apfloat's precision(long) returns, costs a detour through its storage on every multiplication)
            inverseFactorials = new Apfloat[terms + 1];
            java.math.BigInteger factorial = java.math.BigInteger.ONE;
            Apfloat one = new Apfloat(1, work);
            for (int j = 0; j <= terms; j++) {
                if (j > 0) factorial = factorial.multiply(java.math.BigInteger.valueOf(j));
                inverseFactorials[j] = one.divide(new Apfloat(factorial));
            }
            // powers of e^{±1/256} with 10 spare digits (a power of m carries ~m rounding errors: ≤ 3 digits)
            table = new Apfloat[2 * TABLE_HALF + 1];
            Apfloat up = ApfloatMath.exp(TABLE_SPACING.precision(work + 10));
            Apfloat down = new Apfloat(1, work + 10).divide(up);
            Apfloat above = new Apfloat(1, work + 10), below = above;
            table[TABLE_HALF] = new Apfloat(1, work);
            for (int i = 1; i <= TABLE_HALF; i++) {
                above = above.multiply(up);
                below = below.multiply(down);
                table[TABLE_HALF + i] = new Apfloat(above.toString(), work); // fresh numbers, as the 1/j!
                table[TABLE_HALF - i] = new Apfloat(below.toString(), work);
            }
        }

        /** Smallest N with |y|^{N+1}/(N+1)! < 10^-work, for log10|y| = logY. */
        private static int degreeFor(double logY, long work) {
            int n = 0;
            double logTerm = logY; // log10 of |y|^{n+1}/(n+1)!
            while (logTerm > -work) {
                n++;
                logTerm += logY - Math.log10(n + 1);
            }
            return n;
        }

        static Series forPrecision(long precision) { return BY_PRECISION.computeIfAbsent(precision, Series::new); }
    }

    private static synchronized Apfloat ln10(long precision) {
        if (ln10 == null || ln10.precision() < precision) ln10 = ApfloatMath.log(new Apfloat(10, precision + 10));
        return ln10.precision(precision);
    }
}
