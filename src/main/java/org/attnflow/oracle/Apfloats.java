package org.attnflow.oracle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Building and reading Apfloat numbers at an explicit precision. Apfloat gives a result the lowest precision
 * of its operands, treats {@code new Apfloat(2)} as exact (infinite precision, which sqrt and exp reject) and
 * turns {@code new Apfloat(0.1)} into a 16-digit binary value; so every constant here is built from an
 * integer or an exact decimal with the working precision stated.
 */
public final class Apfloats {
    private Apfloats() {}

    /** Digits behind every double accessor: a double needs 17 to be rounded right; three spare. */
    public static final long DOUBLE_DIGITS = 20;

    /**
     * The digits x carries, or {@code ifExact} when it is exact (infinite precision: every Apfloat zero is, e.g. the
     * logarithm w = 0 of a start at γ = 0 or φ0 = π/2), so that a computation that goes on from x has a precision.
     */
    public static long precisionOf(Apfloat x, long ifExact) { return x.precision() == Apfloat.INFINITE ? ifExact : x.precision(); }

    /** The integer {@code v} carried at {@code precision} digits. */
    public static Apfloat of(long v, long precision) { return new Apfloat(v, precision); }

    /** The exact decimal {@code v} carried at {@code precision} digits (rounded if it has more). */
    public static Apfloat of(BigDecimal v, long precision) { return new Apfloat(v, precision); }

    /** {@code x} rounded (half-even) to {@code digits} significant digits. */
    public static Apfloat round(Apfloat x, long digits) {
        if (x.signum() == 0) return x;
        return ApfloatMath.roundToPrecision(x, digits, RoundingMode.HALF_EVEN);
    }

    /** Every entry rounded to {@code digits} significant digits. */
    public static Apfloat[] round(Apfloat[] x, long digits) {
        Apfloat[] r = new Apfloat[x.length];
        for (int i = 0; i < x.length; i++) r[i] = round(x[i], digits);
        return r;
    }

    /** The nearest doubles. */
    public static double[] toDoubles(Apfloat[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = x[i].doubleValue();
        return r;
    }

    /** max_i |x_i| (zero for an empty array). */
    public static Apfloat maxAbs(Apfloat[] x) {
        Apfloat m = Apfloat.ZERO;
        for (Apfloat v : x) if (ApfloatMath.abs(v).compareTo(m) > 0) m = ApfloatMath.abs(v);
        return m;
    }

    /** max_i |a_i − b_i|. */
    public static Apfloat maxAbsDifference(Apfloat[] a, Apfloat[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        Apfloat m = Apfloat.ZERO;
        for (int i = 0; i < a.length; i++) {
            Apfloat d = ApfloatMath.abs(a[i].subtract(b[i]));
            if (d.compareTo(m) > 0) m = d;
        }
        return m;
    }

    /** 10^{-k} as an exact number. */
    public static Apfloat tenToMinus(long k) { return ApfloatMath.scale(Apfloat.ONE, -k); }

    /** Whether |x| ≤ 10^{-k}·|scale|, without forming a product (works far outside the double range). */
    public static boolean isBelow(Apfloat x, long k, Apfloat scale) {
        if (x.signum() == 0) return true;
        return ApfloatMath.abs(x).compareTo(ApfloatMath.abs(scale).multiply(tenToMinus(k))) <= 0;
    }

    /** ⟨a, b⟩. */
    public static Apfloat dot(Apfloat[] a, Apfloat[] b) {
        Apfloat s = Apfloat.ZERO;
        for (int i = 0; i < a.length; i++) s = s.add(a[i].multiply(b[i]));
        return s;
    }

    /** The exact decimals converted at {@code precision} digits. */
    public static Apfloat[] of(BigDecimal[] v, long precision) {
        Apfloat[] r = new Apfloat[v.length];
        for (int i = 0; i < v.length; i++) r[i] = of(v[i], precision);
        return r;
    }

    /** The exact decimal value of a double time t ≥ 0 (what a double solver's t means). */
    public static BigDecimal exactTime(double t) {
        if (!(t >= 0) || !Double.isFinite(t)) throw new IllegalArgumentException("time must be finite and >= 0, got " + t);
        return new BigDecimal(t);
    }

    /** The exact values of the doubles (every finite double is a finite decimal). */
    public static BigDecimal[] exactDecimals(double[] v) {
        BigDecimal[] r = new BigDecimal[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException("not a finite number: " + v[i]);
            r[i] = new BigDecimal(v[i]);
        }
        return r;
    }
}
