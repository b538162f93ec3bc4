package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * {@link DoubleDouble} against Apfloat at 60 digits on seeded random operands over wide ranges (magnitudes 1e-30..1e30,
 * both signs, lo parts random within half an ulp of hi; sums with cancellation). Asserted: max relative error ≤ 1e-30 for
 * + − × ÷ √ (their stated bounds are ≤ 2.5·2^-104 ≈ 1.2e-31) and ≤ 1e-29 for exp on [−600, 700].
 */
class DoubleDoubleTest {
    private static final long P = 60;
    private static final int SAMPLES = 20_000;

    private interface Binary { void apply(double ah, double al, double bh, double bl, double[] r, int ri); }

    private interface Exact { Apfloat apply(Apfloat a, Apfloat b); }

    @Test
    void arithmeticWithinItsBound() {
        assertTrue(maxError(DoubleDouble::add, Apfloat::add, false) <= 1e-30);
        assertTrue(maxError(DoubleDouble::sub, Apfloat::subtract, false) <= 1e-30);
        assertTrue(maxError(DoubleDouble::mul, Apfloat::multiply, false) <= 1e-30);
        assertTrue(maxError(DoubleDouble::div, Apfloat::divide, false) <= 1e-30);
        assertTrue(maxError((ah, al, bh, bl, r, ri) -> DoubleDouble.sqrt(Math.abs(ah), Math.signum(ah) * al, r, ri),
                (a, b) -> ApfloatMath.sqrt(ApfloatMath.abs(a)), false) <= 1e-30);
        // sums and differences of near-equal operands: relative to the exact (small) result
        assertTrue(maxError(DoubleDouble::sub, Apfloat::subtract, true) <= 1e-30);
    }

    @Test
    void expWithinItsBound() {
        SplittableRandom random = new SplittableRandom(11);
        double[] r = new double[2];
        double worst = 0;
        for (int s = 0; s < SAMPLES / 5; s++) {
            double hi = s % 3 == 0 ? 1300 * random.nextDouble() - 600 : (2 * random.nextDouble() - 1) * (s % 3 == 1 ? 40 : 1e-3);
            double lo = lo(random, hi);
            DoubleDouble.exp(hi, lo, r, 0);
            Apfloat exact = ApfloatMath.exp(DoubleDouble.toApfloat(hi, lo, P));
            worst = Math.max(worst, relative(r, exact));
        }
        assertTrue(worst <= 1e-29, "exp: " + worst);
        DoubleDouble.exp(0, 0, r, 0);
        assertEquals(1.0, r[0]);
        assertEquals(0.0, r[1]);
    }

    @Test
    void conversionRoundTrips() {
        double[] r = new double[2];
        Apfloat third = new Apfloat(1, P).divide(new Apfloat(3, P));
        DoubleDouble.of(third, r, 0);
        double error = DoubleDouble.toApfloat(r[0], r[1], P).subtract(third).divide(third).doubleValue();
        assertTrue(Math.abs(error) <= 0x1.0p-105, "1/3: " + error);
    }

    private static double maxError(Binary dd, Exact exact, boolean cancelling) {
        SplittableRandom random = new SplittableRandom(cancelling ? 7 : 5);
        double[] r = new double[2];
        double worst = 0;
        for (int s = 0; s < SAMPLES; s++) {
            double ah = magnitude(random), bh = cancelling ? ah * (1 + (random.nextDouble() - 0.5) * 1e-6) : magnitude(random);
            double al = lo(random, ah), bl = lo(random, bh);
            dd.apply(ah, al, bh, bl, r, 0);
            Apfloat e = exact.apply(DoubleDouble.toApfloat(ah, al, P), DoubleDouble.toApfloat(bh, bl, P));
            worst = Math.max(worst, relative(r, e));
        }
        return worst;
    }

    private static double relative(double[] r, Apfloat exact) {
        if (exact.signum() == 0) return r[0] == 0 && r[1] == 0 ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs(DoubleDouble.toApfloat(r[0], r[1], P).subtract(exact).divide(exact).doubleValue());
    }

    private static double magnitude(SplittableRandom random) {
        double m = Math.pow(10, 60 * random.nextDouble() - 30);
        return random.nextBoolean() ? m : -m;
    }

    /** A lo part for hi: random within half an ulp, normalised. */
    private static double lo(SplittableRandom random, double hi) {
        return (random.nextDouble() - 0.5) * Math.ulp(hi) * 0.999;
    }
}
