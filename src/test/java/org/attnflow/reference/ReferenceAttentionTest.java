package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What KeY does not prove about the kernel: its values. {@link ReferenceAttention#attend} at 40 digits against
 * the independent double field {@link ScalarAttentionField}, and the causal order at run time (rows after the
 * attended ones replaced by other numbers leave the output bit-identical).
 */
class ReferenceAttentionTest {
    private static final int DIGITS = 40;
    private static final int N = 5;
    private static final int D = 3;
    private static final int M = 2;

    /** exp at working precision, Apfloat's own (not the solver's fast exp): e^0 is 1 at 40 digits, not exact. */
    private static final Exponential EXP = x -> x.signum() == 0 ? new Apfloat(1, DIGITS) : ApfloatMath.exp(x);

    @ParameterizedTest
    @CsvSource({"FULL, SOFTMAX", "CAUSAL, SOFTMAX", "FULL, MEAN", "CAUSAL, MEAN", "FULL, NONE", "CAUSAL, COUNT_N"})
    void attendMatchesTheDoubleFieldToItsRounding(Mask mask, Normalization normalization) {
        Random random = new Random(20241107L);
        AttentionModel model = new AttentionModel(Geometry.SPHERE, mask, normalization, new BigDecimal("2.5"),
                DecimalMatrix.ofDoubles(M, D, gaussians(random, M * D)),
                DecimalMatrix.ofDoubles(M, D, gaussians(random, M * D)),
                DecimalMatrix.ofDoubles(D, D, gaussians(random, D * D)));
        double[] x = gaussians(random, N * D);
        double[] expected = new double[N * D];
        new ScalarAttentionField(model, N).attend(x, expected);

        Apfloat[][] qx = projections(model.q(), x, M);
        Apfloat[][] kx = projections(model.k(), x, M);
        Apfloat[][] vx = projections(model.v(), x, D);
        Apfloat beta = new Apfloat(model.beta(), DIGITS);
        for (int k = 0; k < N; k++) {
            Apfloat[] out = new Apfloat[D];
            int len = mask.rowLength(k, N);
            ReferenceAttention.attend(beta, qx, kx, vx, k, len, normalization.divisor(len, N), EXP, new Apfloat[len], out);
            for (int c = 0; c < D; c++) {
                double e = expected[k * D + c];
                assertEquals(e, out[c].doubleValue(), 1e-13 * Math.max(1, Math.abs(e)), "token " + k + " component " + c);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"SOFTMAX", "MEAN", "NONE", "COUNT_N"})
    void causalOutputIgnoresEveryLaterToken(Normalization normalization) {
        Random random = new Random(7L);
        Apfloat[][] qx = apfloats(gaussians(random, N * M), N, M);
        Apfloat[][] kx = apfloats(gaussians(random, N * M), N, M);
        Apfloat[][] vx = apfloats(gaussians(random, N * D), N, D);
        Apfloat beta = new Apfloat("1.5", DIGITS);
        for (int k = 0; k < N - 1; k++) {
            Apfloat[] before = new Apfloat[D];
            int divisor = normalization.divisor(k + 1, N);
            ReferenceAttention.attend(beta, qx, kx, vx, k, k + 1, divisor, EXP, new Apfloat[k + 1], before);
            Apfloat[][] kxLater = copy(kx);
            Apfloat[][] vxLater = copy(vx);
            for (int j = k + 1; j < N; j++) {
                for (int c = 0; c < M; c++) kxLater[j][c] = new Apfloat(1000 + j, DIGITS);
                for (int c = 0; c < D; c++) vxLater[j][c] = new Apfloat(-7 - j, DIGITS);
            }
            Apfloat[] after = new Apfloat[D];
            ReferenceAttention.attend(beta, qx, kxLater, vxLater, k, k + 1, divisor, EXP, new Apfloat[k + 1], after);
            assertArrayEquals(decimals(before), decimals(after), "token " + k);
        }
    }

    private static Apfloat[][] projections(DecimalMatrix a, double[] x, int rows) {
        Apfloat[][] matrix = new Apfloat[rows][D];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < D; c++) matrix[r][c] = new Apfloat(a.get(r, c), DIGITS);
        }
        Apfloat[][] tokens = apfloats(x, N, D);
        Apfloat[][] out = new Apfloat[N][rows];
        for (int j = 0; j < N; j++) ReferenceAttention.project(matrix, tokens[j], out[j]);
        return out;
    }

    private static double[] gaussians(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) values[i] = random.nextGaussian();
        return values;
    }

    /** Exact conversions of the doubles (BigDecimal of a double is its exact binary value) at working precision. */
    private static Apfloat[][] apfloats(double[] values, int rows, int cols) {
        Apfloat[][] out = new Apfloat[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) out[r][c] = new Apfloat(new BigDecimal(values[r * cols + c]), DIGITS);
        }
        return out;
    }

    private static Apfloat[][] copy(Apfloat[][] a) {
        Apfloat[][] out = new Apfloat[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    private static String[] decimals(Apfloat[] v) {
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i].toString(true);
        return out;
    }

    /**
     * The stubs' promise on exact numbers, held by the code: the proved {@code weights} with the solver's exponential
     * does not throw on exact (infinite-precision) scores, all equal (β = 0) or not, and its factor carries working
     * precision; the exponential's only exception is the ArithmeticException its contract allows.
     */
    @Test
    void weightsOnExactScoresDoNotThrowAndTheExponentialThrowsOnlyWhatItsContractSays() {
        WorkingPrecision p = WorkingPrecision.forDigits(20);
        WorkingExp exp = new WorkingExp(p);
        for (Normalization normalization : Normalization.values()) {
            for (long[] scores : new long[][] {{0, 0, 0}, {3, -2, 7}}) {
                Apfloat[] s = new Apfloat[scores.length];
                for (int j = 0; j < s.length; j++) s[j] = new Apfloat(scores[j]);
                Apfloat factor = ReferenceAttention.weights(s, s.length, normalization.divisor(s.length, 5), exp);
                assertTrue(factor.signum() > 0 && factor.precision() != Apfloat.INFINITE, normalization + ": " + factor);
                for (Apfloat w : s) assertTrue(w.signum() > 0 && w.precision() != Apfloat.INFINITE, normalization + ": " + w);
            }
        }
        assertThrows(ArithmeticException.class, () -> exp.exp(new Apfloat("1e19", 40)));
        assertTrue(exp.exp(new Apfloat("-1e16", 40)).signum() > 0, "e^(-10^16) is representable: no exception");
    }
}
