package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * e^x on a whole vector of doubles, built from IEEE-exact operations only (add, multiply, fused multiply-add,
 * integer shift and add), for the softmax weights e^{s − max} of the SIMD field.
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: on x86 the JIT-compiled form calls Intel's SVML while the
 * interpreted and C1 forms call {@code Math.exp} lane by lane. Both are accurate to about 1 ulp but they do not
 * agree bit for bit, so results would depend on how warm the JIT is: two runs of the same evaluation (say with 1
 * and with 2 threads) could differ in the last bit, breaking the field's bit-reproducibility promise. Every
 * operation here is correctly rounded by IEEE 754 in every execution tier, so the result is a pure function of x.
 *
 * <p>Method: x = k ln2 + r with k = rint(x / ln2) and |r| ≤ ln2/2 (k ln2 removed in two fused steps, ln2 split
 * into a double and its remainder), e^r by a degree-11 polynomial (Chebyshev-economised on [−ln2/2, ln2/2],
 * truncation error 3·10⁻¹⁸, coefficients computed with mpmath at 40 digits) evaluated by Estrin's scheme, and
 * 2^k added to the exponent field. Measured error against {@code StrictMath.exp} on [−708, 0]: see {@code VectorExpTest}.
 *
 * <p>Domain: the field only needs x ≤ 0. Results below e^{−708} ≈ 3.3·10⁻³⁰⁸ (including x = −∞, the masked
 * lanes) are returned as exactly +0: a weight that small changes no sum of weights that contains the row
 * maximum's weight 1. Arguments above 0 are accepted up to 709 (no overflow handling beyond that).
 */
public final class VectorExp {
    private VectorExp() {}

    /** Below this argument the result is flushed to +0 (keeps 2^k in the normal exponent range). */
    static final double UNDERFLOW = -708.0;

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    /** 1.5·2^52: adding it rounds a double of magnitude < 2^51 to the nearest integer, kept in the low bits. */
    private static final double SHIFTER = 6755399441055744.0;

    // e^r ≈ 1 + r + C2 r² + ... + C11 r^11 on |r| ≤ ln2/2 (the fitted C0 and C1 round to exactly 1).
    private static final double C2 = 0.5000000000000019;
    private static final double C3 = 0.1666666666666668;
    private static final double C4 = 0.0416666666664881;
    private static final double C5 = 0.008333333333319601;
    private static final double C6 = 0.0013888888952314775;
    private static final double C7 = 0.00019841269890047113;
    private static final double C8 = 2.4801485482328494e-05;
    private static final double C9 = 2.755724091857897e-06;
    private static final double C10 = 2.763263963904103e-07;
    private static final double C11 = 2.5110037605963777e-08;

    /** e^x lane by lane (x ≤ 709; results below e^{−708} are +0). */
    static DoubleVector exp(DoubleVector x) {
        VectorMask<Double> tiny = x.compare(VectorOperators.LT, UNDERFLOW);
        return expAbove(x).blend(0.0, tiny);
    }

    /**
     * {@link #exp(DoubleVector)} without its flush to 0, for arguments known to be ≥ {@link #UNDERFLOW} (−708 ≤ x ≤ 709:
     * there the two are the same bits; below, this one's lanes are meaningless). One blend less, for callers whose
     * bounds guarantee the range.
     */
    static DoubleVector expAbove(DoubleVector x) {
        DoubleVector t = x.lanewise(VectorOperators.FMA, LOG2E, SHIFTER);
        DoubleVector k = t.sub(SHIFTER);
        DoubleVector r = k.lanewise(VectorOperators.FMA, -LN2_HI, x);
        r = k.lanewise(VectorOperators.FMA, -LN2_LO, r);
        // e^r = 1 + (r + r²·q(r)), q of degree 9 by Estrin's scheme: independent chains of depth ≤ 4 instead of
        // Horner's one chain of depth 11 (latency limits a single evaluation); adding 1 last keeps it within 1 ulp.
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector p23 = r.lanewise(VectorOperators.FMA, C3, C2);
        DoubleVector p45 = r.lanewise(VectorOperators.FMA, C5, C4);
        DoubleVector p67 = r.lanewise(VectorOperators.FMA, C7, C6);
        DoubleVector p89 = r.lanewise(VectorOperators.FMA, C9, C8);
        DoubleVector pab = r.lanewise(VectorOperators.FMA, C11, C10);
        DoubleVector q03 = p45.fma(r2, p23);
        DoubleVector q47 = p89.fma(r2, p67);
        DoubleVector q = pab.fma(r4, q47).fma(r4, q03);
        DoubleVector p = q.fma(r2, r).add(1.0);
        // The low bits of t hold k; shifted into the exponent field they multiply p by 2^k (p ∈ [0.7, 1.42]).
        LongVector twoK = ((LongVector) t.viewAsIntegralLanes()).lanewise(VectorOperators.LSHL, 52);
        return (DoubleVector) ((LongVector) p.viewAsIntegralLanes()).add(twoK).viewAsFloatingLanes();
    }

    /**
     * The same function on one double, operation for operation (so scalar and vector code agree bitwise); also the
     * symmetric field's exponential (a pure function of x in every JIT tier, and several times cheaper than
     * {@code Math.exp}'s call).
     */
    public static double exp(double x) {
        if (x < UNDERFLOW) return 0.0;
        double t = Math.fma(x, LOG2E, SHIFTER);
        double k = t - SHIFTER;
        double r = Math.fma(k, -LN2_HI, x);
        r = Math.fma(k, -LN2_LO, r);
        double r2 = r * r;
        double r4 = r2 * r2;
        double q03 = Math.fma(Math.fma(r, C5, C4), r2, Math.fma(r, C3, C2));
        double q47 = Math.fma(Math.fma(r, C9, C8), r2, Math.fma(r, C7, C6));
        double q = Math.fma(Math.fma(Math.fma(r, C11, C10), r4, q47), r4, q03);
        double p = Math.fma(q, r2, r) + 1.0;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(p) + (Double.doubleToRawLongBits(t) << 52));
    }
}
