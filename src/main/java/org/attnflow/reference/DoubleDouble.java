package org.attnflow.reference;

import java.math.BigDecimal;
import java.math.MathContext;

import org.apfloat.Apfloat;

/**
 * Double-double arithmetic: a number is an unevaluated sum hi + lo of two doubles with |lo| ≤ ulp(hi)/2, about 106
 * significant bits (≈ 31.9 decimal digits). The operations are built from the error-free transformations TwoSum
 * (Knuth) and TwoProd (one {@link Math#fma}), after Hida, Li &amp; Bailey's QD library (its "accurate" addition and
 * division) and Joldes, Muller &amp; Popescu, <i>Tight and rigorous error bounds for basic building blocks of
 * double-word arithmetic</i> (ACM TOMS 2017).
 *
 * <p>Static and allocation-free: numbers live in {@code double[]} arrays, number i at entries 2i (hi) and 2i + 1 (lo)
 * ("interleaved"); every kernel writes its result to {@code r[ri], r[ri + 1]} (r may be an operand's array). The unit
 * roundoff is {@link #UNIT} = 2^-104 (the relative error bounds below are stated in it):
 * <ul>
 *   <li>{@link #add}, {@link #sub}: ≤ 3u² (JMP Thm. 3.1 for the accurate sum: 3u²/(1 − 4u)), u = 2^-53, i.e. ≤ 0.75·UNIT;</li>
 *   <li>{@link #mul}: ≤ 5u² (JMP Alg. 12 with FMA: 5u²), ≤ 1.25·UNIT;</li>
 *   <li>{@link #div}: ≤ 10u² (three-quotient long division), ≤ 2.5·UNIT;</li>
 *   <li>{@link #sqrt}: ≤ 8u², one Newton correction of the double root, ≤ 2·UNIT;</li>
 *   <li>{@link #exp}: ≤ 2^-96 relative for −600 ≤ x ≤ 700 (below, the lo part of e^x is subnormal and the bound degrades
 *       to the doubles' absolute 2^-1074; the reference only exponentiates s − μ ≤ 0, whose tiny weights add nothing; reduction x = k ln 2 + r with ln 2 in 106 bits, r/512 and a
 *       Taylor series of e^r − 1 to 2^-110, nine doublings s ← 2s + s² that keep the relative error of e^r − 1; the
 *       2^k scaling is exact): each doubling adds ≤ 3 roundings of ~UNIT, the reduction's k·(ln 2 − ln2_dd) ≤
 *       1010·2^-160, and the rounding of ln 2's lo part, 1010·2^-107·2^-55 (measured: 6e-31 at x = 700).</li>
 * </ul>
 * The unit tests measure these against Apfloat at 60 digits on random operands over wide ranges
 * ({@code DoubleDoubleTest}: +, −, ×, ÷, √ ≤ 1e-30 relative, exp ≤ 1e-29).
 * Overflow and underflow follow the doubles' (a hi beyond 1e308 is infinite; below 1e-292 lo is subnormal and the
 * relative bound is lost); the reference's numbers stay within 1e±30.
 */
final class DoubleDouble {
    /** 2^-104: the unit in which the operations' relative error bounds are stated (u² = 2^-106 times a few). */
    static final double UNIT = 0x1.0p-104;
    /** Decimal digits carried: −log10(2^-104) ≈ 31.3; the reference treats double-double as {@value} digits. */
    static final int DIGITS = 31;

    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    /** 1/k! for k = 0..24 as double-doubles, interleaved. */
    private static final double[] INVERSE_FACTORIAL = new double[50];

    static {
        BigDecimal f = BigDecimal.ONE;
        MathContext mc = new MathContext(60);
        for (int k = 0; k < 25; k++) {
            if (k > 0) f = f.multiply(BigDecimal.valueOf(k));
            BigDecimal inv = BigDecimal.ONE.divide(f, mc);
            double hi = inv.doubleValue();
            INVERSE_FACTORIAL[2 * k] = hi;
            INVERSE_FACTORIAL[2 * k + 1] = inv.subtract(new BigDecimal(hi)).doubleValue();
        }
    }

    private DoubleDouble() {}

    /** r = a + b. */
    static void add(double ah, double al, double bh, double bl, double[] r, int ri) {
        double s = ah + bh;
        double bb = s - ah;
        double e = (ah - (s - bb)) + (bh - bb);
        double t = al + bl;
        double tb = t - al;
        double f = (al - (t - tb)) + (bl - tb);
        e += t;
        double h = s + e;
        e = e - (h - s);
        e += f;
        double hi = h + e;
        r[ri] = hi;
        r[ri + 1] = e - (hi - h);
    }

    /** r = Σ_{c < len} a_{ai + c}·b_{bi + c}: the inner product of len consecutive numbers of a and of b (ai, bi: number indices; ri, as in every kernel, the index of r's hi entry). */
    static void dot(double[] a, int ai, double[] b, int bi, int len, double[] r, int ri) {
        double sh = 0, sl = 0;
        for (int c = 0; c < len; c++) {
            int x = 2 * (ai + c), y = 2 * (bi + c);
            mul(a[x], a[x + 1], b[y], b[y + 1], r, ri);
            add(sh, sl, r[ri], r[ri + 1], r, ri);
            sh = r[ri];
            sl = r[ri + 1];
        }
        r[ri] = sh;
        r[ri + 1] = sl;
    }

    /** r = a − b. */
    static void sub(double ah, double al, double bh, double bl, double[] r, int ri) {
        add(ah, al, -bh, -bl, r, ri);
    }

    /** r = a·b. */
    static void mul(double ah, double al, double bh, double bl, double[] r, int ri) {
        double p = ah * bh;
        double e = Math.fma(ah, bh, -p);
        e += ah * bl + al * bh;
        double hi = p + e;
        r[ri] = hi;
        r[ri + 1] = e - (hi - p);
    }

    /** r = a/b (b ≠ 0): three quotients of the remainder (QD's accurate division). */
    static void div(double ah, double al, double bh, double bl, double[] r, int ri) {
        double q1 = ah / bh;
        mul(bh, bl, q1, 0, r, ri);
        sub(ah, al, r[ri], r[ri + 1], r, ri);
        double q2 = r[ri] / bh;
        double remH = r[ri], remL = r[ri + 1];
        mul(bh, bl, q2, 0, r, ri);
        sub(remH, remL, r[ri], r[ri + 1], r, ri);
        double q3 = r[ri] / bh;
        double s = q1 + q2;
        double e = q2 - (s - q1);
        add(s, e, q3, 0, r, ri);
    }

    /** r = √a (a ≥ 0; 0 for 0). */
    static void sqrt(double ah, double al, double[] r, int ri) {
        if (ah <= 0) {
            if (ah < 0) throw new ArithmeticException("square root of a negative double-double " + ah);
            r[ri] = 0;
            r[ri + 1] = 0;
            return;
        }
        double q = Math.sqrt(ah);
        double p = q * q;
        double e = Math.fma(q, q, -p);
        double t = ((ah - p) - e + al) / (2 * q); // ah − p exact: p is within an ulp of ah
        double hi = q + t;
        r[ri] = hi;
        r[ri + 1] = t - (hi - q);
    }

    /** r = e^a, −600 ≤ a ≤ 700 for the stated bound (0 below −745, infinite above 709.8). */
    static void exp(double ah, double al, double[] r, int ri) {
        if (ah < -745.2) {
            r[ri] = 0;
            r[ri + 1] = 0;
            return;
        }
        if (ah > 709.8) throw new ArithmeticException("e^" + ah + " overflows a double-double");
        double k = Math.rint(ah / LN2_HI);
        // x − k ln 2: k·LN2_HI exactly as p + e by TwoProd, then the rest
        double p = k * LN2_HI;
        double pe = Math.fma(k, LN2_HI, -p);
        add(ah, al, -p, -pe, r, ri);
        add(r[ri], r[ri + 1], -k * LN2_LO, -Math.fma(k, LN2_LO, -k * LN2_LO), r, ri);
        // r/512; e^r − 1 by Taylor to 2^-110 (|r/512| ≤ 6.8e-4: 9 terms)
        double xh = r[ri] / 512, xl = r[ri + 1] / 512;
        double sh = 0, sl = 0; // Σ_{k≥1} x^k/k!, by Horner from k = 9 down (x^10/10! < 2^-110 relative)
        for (int j = 9; j >= 1; j--) {
            add(sh, sl, INVERSE_FACTORIAL[2 * j], INVERSE_FACTORIAL[2 * j + 1], r, ri);
            mul(r[ri], r[ri + 1], xh, xl, r, ri);
            sh = r[ri];
            sl = r[ri + 1];
        }
        // nine doublings of the half-argument: e^{2y} − 1 = 2s + s²
        for (int j = 0; j < 9; j++) {
            mul(sh, sl, sh, sl, r, ri);
            add(2 * sh, 2 * sl, r[ri], r[ri + 1], r, ri);
            sh = r[ri];
            sl = r[ri + 1];
        }
        add(1, 0, sh, sl, r, ri);
        int ki = (int) k;
        r[ri] = Math.scalb(r[ri], ki);
        r[ri + 1] = Math.scalb(r[ri + 1], ki);
    }

    /** The double-double nearest (within 2^-106 relative) to an Apfloat. */
    static void of(Apfloat a, double[] r, int ri) {
        double hi = a.doubleValue();
        double lo = hi == 0 ? 0 : a.subtract(new Apfloat(new BigDecimal(hi), Math.max(a.precision(), 40))).doubleValue();
        double s = hi + lo;
        r[ri] = s;
        r[ri + 1] = lo - (s - hi);
    }

    /** The exact value hi + lo at precision p (decimal digits). */
    static Apfloat toApfloat(double hi, double lo, long p) {
        return new Apfloat(new BigDecimal(hi).add(new BigDecimal(lo)), p);
    }
}
