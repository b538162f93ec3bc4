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
 * truncation error 3·10⁻¹⁸, coefficients computed with mpmath at 40 digits), and 2^k added to the exponent
 * field. Measured error against {@code StrictMath.exp} on [−708, 0]: see {@code VectorExpTest}.
 *
 * <p>Domain: the field only needs x ≤ 0. Results below e^{−708} ≈ 3.3·10⁻³⁰⁸ (including x = −∞, the masked
 * lanes) are returned as exactly +0: a weight that small changes no sum of weights that contains the row
 * maximum's weight 1. Arguments above 0 are accepted up to 709 (no overflow handling beyond that).
 */
final class VectorExp {
    private VectorExp() {}

    /** Below this argument the result is flushed to +0 (keeps 2^k in the normal exponent range). */
    static final double UNDERFLOW = -708.0;

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    /** 1.5·2^52: adding it rounds a double of magnitude < 2^51 to the nearest integer, kept in the low bits. */
    private static final double SHIFTER = 6755399441055744.0;

    // e^r ≈ C0 + C1 r + ... + C11 r^11 on |r| ≤ ln2/2.
    private static final double C0 = 1.0;
    private static final double C1 = 1.0;
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
        DoubleVector t = x.lanewise(VectorOperators.FMA, LOG2E, SHIFTER);
        DoubleVector k = t.sub(SHIFTER);
        DoubleVector r = k.lanewise(VectorOperators.FMA, -LN2_HI, x);
        r = k.lanewise(VectorOperators.FMA, -LN2_LO, r);
        DoubleVector p = r.lanewise(VectorOperators.FMA, C11, C10);
        p = p.lanewise(VectorOperators.FMA, r, C9);
        p = p.lanewise(VectorOperators.FMA, r, C8);
        p = p.lanewise(VectorOperators.FMA, r, C7);
        p = p.lanewise(VectorOperators.FMA, r, C6);
        p = p.lanewise(VectorOperators.FMA, r, C5);
        p = p.lanewise(VectorOperators.FMA, r, C4);
        p = p.lanewise(VectorOperators.FMA, r, C3);
        p = p.lanewise(VectorOperators.FMA, r, C2);
        p = p.lanewise(VectorOperators.FMA, r, C1);
        p = p.lanewise(VectorOperators.FMA, r, C0);
        // The low bits of t hold k; shifted into the exponent field they multiply p by 2^k (p ∈ [0.7, 1.42]).
        LongVector twoK = ((LongVector) t.viewAsIntegralLanes()).lanewise(VectorOperators.LSHL, 52);
        DoubleVector e = (DoubleVector) ((LongVector) p.viewAsIntegralLanes()).add(twoK).viewAsFloatingLanes();
        VectorMask<Double> tiny = x.compare(VectorOperators.LT, UNDERFLOW);
        return e.blend(0.0, tiny);
    }

    /** The same function on one double, operation for operation (so scalar and vector code agree bitwise). */
    static double exp(double x) {
        if (x < UNDERFLOW) return 0.0;
        double t = Math.fma(x, LOG2E, SHIFTER);
        double k = t - SHIFTER;
        double r = Math.fma(k, -LN2_HI, x);
        r = Math.fma(k, -LN2_LO, r);
        double p = Math.fma(r, C11, C10);
        p = Math.fma(p, r, C9);
        p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7);
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, C1);
        p = Math.fma(p, r, C0);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(p) + (Double.doubleToRawLongBits(t) << 52));
    }
}
