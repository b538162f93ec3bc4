package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.DecimalMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class ApfloatMatrixExpTest {

    private static final long DIGITS = 50;

    private static DecimalMatrix matrix(int d, String... entries) {
        BigDecimal[] e = new BigDecimal[entries.length];
        for (int i = 0; i < e.length; i++) e[i] = new BigDecimal(entries[i]);
        return DecimalMatrix.of(d, d, e);
    }

    private static void assertClose(Apfloat expected, Apfloat got, double tol, String what) {
        double err = ApfloatMath.abs(expected.subtract(got)).doubleValue();
        assertTrue(err <= tol, () -> what + ": |" + got + " - " + expected + "| = " + err + " > " + tol);
    }

    @Test
    void rotationGeneratorGivesRotationTo45Digits() {
        // V = ω [[0, −1], [1, 0]]: e^{tV} is the rotation by ωt.
        DecimalMatrix v = matrix(2, "0", "-1.3", "1.3", "0");
        BigDecimal t = new BigDecimal("2.7");
        Apfloat[] e = ApfloatMatrixExp.exp(v, t, DIGITS);
        Apfloat angle = new Apfloat("1.3", DIGITS + 10).multiply(new Apfloat("2.7", DIGITS + 10));
        Apfloat c = ApfloatMath.cos(angle), s = ApfloatMath.sin(angle);
        assertClose(c, e[0], 1e-45, "cos");
        assertClose(s.negate(), e[1], 1e-45, "-sin");
        assertClose(s, e[2], 1e-45, "sin");
        assertClose(c, e[3], 1e-45, "cos");
    }

    @Test
    void diagonalGivesExponentialsOfTheEigenvaluesTo45Digits() {
        DecimalMatrix v = matrix(3, "-2.5", "0", "0", "0", "0.75", "0", "0", "0", "1.125");
        BigDecimal t = new BigDecimal("3.5");
        Apfloat[] e = ApfloatMatrixExp.exp(v, t, DIGITS);
        String[] lambda = {"-2.5", "0.75", "1.125"};
        for (int i = 0; i < 3; i++) {
            Apfloat exact = ApfloatMath.exp(new Apfloat(lambda[i], DIGITS + 10).multiply(new Apfloat("3.5", DIGITS + 10)));
            // relative to the largest entry (e^{3.9375} ≈ 51)
            assertClose(exact, e[i * 3 + i], 51e-45, "e^{t λ_" + i + "}");
            for (int j = 0; j < 3; j++) if (j != i) assertEquals(0, e[i * 3 + j].signum(), "off-diagonal stays 0");
        }
    }

    @Test
    void nilpotentJordanBlockGivesItsFinitePolynomial() {
        // V = λI + N with N² ≠ 0, N³ = 0 (a non-normal V): e^{tV} = e^{λt}(I + tN + t²N²/2).
        DecimalMatrix v = matrix(3, "-0.5", "2", "0", "0", "-0.5", "3", "0", "0", "-0.5");
        BigDecimal t = new BigDecimal("1.75");
        Apfloat[] e = ApfloatMatrixExp.exp(v, t, DIGITS);
        long p = DIGITS + 10;
        Apfloat tt = new Apfloat("1.75", p);
        Apfloat scale = ApfloatMath.exp(new Apfloat("-0.5", p).multiply(tt));
        Apfloat[] exact = {
            scale, scale.multiply(tt).multiply(new Apfloat(2)), scale.multiply(tt).multiply(tt).multiply(new Apfloat(3)),
            Apfloat.ZERO, scale, scale.multiply(tt).multiply(new Apfloat(3)),
            Apfloat.ZERO, Apfloat.ZERO, scale};
        for (int i = 0; i < 9; i++) assertClose(exact[i], e[i], 1e-45 * 10, "entry " + i);
    }

    @Test
    void randomMatricesAgreeWithHipparchus() {
        Random rng = new Random(20240611L);
        for (int trial = 0; trial < 10; trial++) {
            int d = 2 + trial % 4;
            double[] entries = new double[d * d];
            for (int i = 0; i < entries.length; i++) entries[i] = rng.nextGaussian();
            DecimalMatrix v = DecimalMatrix.ofDoubles(d, d, entries);
            double t = 0.25 + rng.nextDouble() * 1.5;
            Apfloat[] ours = ApfloatMatrixExp.exp(v, new BigDecimal(t), 30);
            double[][] a = new double[d][d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) a[i][j] = t * entries[i * d + j];
            RealMatrix theirs = MatrixUtils.matrixExponential(MatrixUtils.createRealMatrix(a));
            double scale = theirs.getNorm1();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double diff = Math.abs(ours[i * d + j].doubleValue() - theirs.getEntry(i, j));
                    // t·entries is rounded in double for Hipparchus: its input differs from ours by ~1e-16·‖A‖.
                    assertTrue(diff <= 1e-13 * Math.max(1, scale), "trial " + trial + " entry (" + i + "," + j + "): diff " + diff);
                }
            }
        }
    }
}
