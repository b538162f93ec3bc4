package org.attnflow.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.junit.jupiter.api.Test;

/** Shared exponentials of symmetric scores: the plain field's numbers to 1e-14, causal rows untouched (I2). */
class SymmetricAttentionFieldTest {

    static DecimalMatrix gaussian(SplittableRandom rnd, int rows, int cols, double scale) {
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = scale * rnd.nextGaussian();
        return DecimalMatrix.ofDoubles(rows, cols, a);
    }

    static double[] state(SplittableRandom rnd, Geometry g, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        if (g == Geometry.SPHERE) Tokens.normalize(x, d);
        return x;
    }

    @Test
    void equalsThePlainFieldTo1e14Relative() {
        SplittableRandom rnd = new SplittableRandom(33);
        for (Geometry g : Geometry.values()) {
            for (Normalization norm : Normalization.values()) {
                for (int[] nd : new int[][] {{1, 2}, {2, 3}, {32, 2}, {150, 5}, {64, 16}}) {
                    int n = nd[0], d = nd[1];
                    double beta = g == Geometry.SPHERE ? 9 : 1;
                    DecimalMatrix q = rnd.nextBoolean() ? DecimalMatrix.identity(d) : gaussian(rnd, d + 1, d, 1 / Math.sqrt(d));
                    AttentionModel m = new AttentionModel(g, Mask.FULL, norm, new BigDecimal(beta), q, q, gaussian(rnd, d, d, 1));
                    assertTrue(SymmetricAttentionField.applies(m));
                    double[] x = state(rnd, g, n, d);
                    double[] plain = new double[n * d], shared = new double[n * d];
                    new ScalarAttentionField(m, n).attend(x, plain);
                    new SymmetricAttentionField(m, n).attend(x, shared);
                    double scale = 0;
                    for (double p : plain) scale = Math.max(scale, Math.abs(p));
                    for (int e = 0; e < plain.length; e++) {
                        assertTrue(Math.abs(plain[e] - shared[e]) <= 1e-14 * scale,
                                g + " " + norm + " n=" + n + " d=" + d + ": " + plain[e] + " vs " + shared[e]);
                    }
                }
            }
        }
    }

    /** Where one shift cannot serve every row (norms of Qx far apart), the evaluation is the plain field's, bit for bit. */
    @Test
    void fallsBackToThePlainFieldWhenOneShiftCannotServe() {
        int n = 6, d = 2;
        DecimalMatrix id = DecimalMatrix.identity(2);
        AttentionModel m = new AttentionModel(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, new BigDecimal(40), id, id, id);
        double[] x = {0.1, 0, 5, 0, -4, 1, 0, 0.2, 3, 3, 0.01, -0.02};
        double[] plain = new double[n * d], shared = new double[n * d];
        new ScalarAttentionField(m, n).attend(x, plain);
        new SymmetricAttentionField(m, n).attend(x, shared);
        assertArrayEquals(plain, shared);
        for (double v : shared) assertTrue(Double.isFinite(v));
        // a NaN is reported as the plain field reports it
        double[] bad = x.clone();
        bad[3] = Double.NaN;
        assertThrows(ArithmeticException.class, () -> new SymmetricAttentionField(m, n).attend(bad, new double[n * d]));
    }

    /** Only full attention with Q = K is given to it; under a causal mask auto keeps the plain fields and I2 holds. */
    @Test
    void causalRunsKeepTheirOrderI2() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 40, d = 3;
        AttentionModel full = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 4, d);
        AttentionModel causal = full.withMask(Mask.CAUSAL);
        assertFalse(SymmetricAttentionField.applies(causal));
        assertFalse(SymmetricAttentionField.applies(new AttentionModel(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE,
                gaussian(rnd, d, d, 1), gaussian(rnd, d, d, 1), DecimalMatrix.identity(d))), "Q != K: not symmetric");
        SolverSettings auto = new SolverSettings(Method.EULER_POSTLN, 0.1, 1e-8, 1e-10, null, FieldKind.AUTO, 1);
        assertTrue(Fields.create(full, n, auto, 10) instanceof SymmetricAttentionField);
        AttentionField f = Fields.create(causal, n, auto, 10);
        assertFalse(f instanceof SymmetricAttentionField);
        double[] x = state(rnd, Geometry.SPHERE, n, d);
        double[] a = new double[n * d], b = new double[n * d];
        f.attend(x, a);
        double[] y = x.clone();
        int k = 17;
        for (int e = (k + 1) * d; e < y.length; e++) y[e] = -y[e]; // change every later token
        f.attend(y, b);
        assertArrayEquals(Arrays.copyOf(a, (k + 1) * d), Arrays.copyOf(b, (k + 1) * d), "tokens 0..k bit-identical (I2)");
        assertFalse(Arrays.equals(a, b));
    }
}
