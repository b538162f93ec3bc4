package org.attnflow.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The retraction to the sphere: the circle's unrolled loop against the general loop. */
class TokensTest {

    /**
     * At d = 2 {@link Tokens#normalize} takes an unrolled loop; the same points in R^3 with a zero third coordinate take
     * the general one (the same sum, then + 0). Bit for bit, on points of every scale (1e-300 to 1e300) and signed
     * zeros; a norm whose square under- or overflows is refused by both alike, naming the same token.
     */
    @Test
    void theCircleLoopIsTheGeneralLoopBitForBit() {
        Random rnd = new Random(11);
        int refusals = 0;
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rnd.nextInt(20);
            double[] x2 = new double[2 * n];
            double[] x3 = new double[3 * n];
            for (int i = 0; i < n; i++) {
                // mostly squares in range; one token in 60 so large or small that its square over- or underflows
                double scale = rnd.nextInt(60) == 0 ? Math.pow(10, (rnd.nextBoolean() ? 1 : -1) * (170 + rnd.nextInt(130)))
                        : Math.pow(10, rnd.nextInt(300) - 150);
                for (int c = 0; c < 2; c++) {
                    double v = rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? 0.0 : -0.0) : scale * rnd.nextGaussian();
                    x2[2 * i + c] = v;
                    x3[3 * i + c] = v;
                }
                if (x2[2 * i] == 0 && x2[2 * i + 1] == 0) x2[2 * i] = x3[3 * i] = Double.MIN_VALUE;
            }
            assertEquals(Double.doubleToRawLongBits(Tokens.maxNormDrift(x3, n, 3)), Double.doubleToRawLongBits(Tokens.maxNormDrift(x2, n, 2)),
                    "norms (dot), trial " + trial);
            String refused2 = refusal(x2, n, 2), refused3 = refusal(x3, n, 3);
            assertEquals(refused3, refused2, "trial " + trial);
            if (refused2 != null) {
                refusals++;
                continue;
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(Double.doubleToRawLongBits(x3[3 * i + c]), Double.doubleToRawLongBits(x2[2 * i + c]),
                            "trial " + trial + ", token " + i);
                }
            }
        }
        assertTrue(refusals > 10 && refusals < 400, refusals + " of 500 trials refused (squares under- or overflowing)");
        double[] zero = {1, 0, -0.0, 0.0};
        assertEquals("token 1 has norm 0.0 and cannot be normalised",
                assertThrows(ArithmeticException.class, () -> Tokens.normalize(zero, 2, 2)).getMessage());
        double[] huge = {Double.MAX_VALUE, Double.MAX_VALUE};
        assertEquals("token 0 has norm Infinity and cannot be normalised",
                assertThrows(ArithmeticException.class, () -> Tokens.normalize(huge, 1, 2)).getMessage());
    }

    /**
     * The two-token inner product at d = 2 (unrolled) against the general loop on the same tokens in R^3 (third
     * coordinate 0), bit for bit: different arrays, different tokens, every scale and signed zeros; and the tangent
     * projection built on it.
     */
    @Test
    void theCircleInnerProductIsTheGeneralOne() {
        Random rnd = new Random(13);
        for (int trial = 0; trial < 2000; trial++) {
            double[] a2 = new double[8], b2 = new double[8], a3 = new double[12], b3 = new double[12];
            for (int t = 0; t < 4; t++) {
                for (int c = 0; c < 2; c++) {
                    a2[2 * t + c] = a3[3 * t + c] = value(rnd);
                    b2[2 * t + c] = b3[3 * t + c] = value(rnd);
                }
            }
            int i = rnd.nextInt(4), j = rnd.nextInt(4);
            assertEquals(Double.doubleToRawLongBits(Tokens.dot(a3, i, b3, j, 3)), Double.doubleToRawLongBits(Tokens.dot(a2, i, b2, j, 2)),
                    "trial " + trial);
            Tokens.projectTangent(a2, b2, 2);
            Tokens.projectTangent(a3, b3, 3);
            for (int t = 0; t < 4; t++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(Double.doubleToRawLongBits(b3[3 * t + c]), Double.doubleToRawLongBits(b2[2 * t + c]), "projection, trial " + trial);
                }
            }
        }
    }

    private static double value(Random rnd) {
        if (rnd.nextInt(8) == 0) return rnd.nextBoolean() ? 0.0 : -0.0;
        return Math.pow(10, rnd.nextInt(200) - 100) * rnd.nextGaussian();
    }

    /** Normalises x in place; the refusal's message, or null. */
    private static String refusal(double[] x, int n, int d) {
        try {
            Tokens.normalize(x, n, d);
            return null;
        } catch (ArithmeticException e) {
            return e.getMessage();
        }
    }
}
