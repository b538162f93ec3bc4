package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attnflow.field.AttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One euler-postln step equals the papers' S1 formula x_i ← normalize(x_i + h v_i), v_i = (1/Z_i) Σ_j e^{s_ij} V x_j
 * unprojected, computed here from the model's matrices with the test's own scores, softmax and normalisation
 * (no code of the field package). In R^d it is S3: no normalisation.
 */
class EulerPostLnStepTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void stepIsS1(long seed) {
        Random rng = new Random(seed);
        int n = 5, d = 3;
        for (Geometry g : Geometry.values()) {
            for (Mask mask : Mask.values()) {
                for (Normalization norm : Normalization.values()) {
                    AttentionModel model = TestModels.random(rng, g, mask, norm, d, 1 + rng.nextInt(4));
                    double[] x = TestModels.start(rng, g, n, d);
                    double h = 0.05 + 0.1 * rng.nextDouble();
                    AttentionField field = TestModels.field(model, n);
                    double[] out = new double[n * d];
                    Integrators.fixedStep(Method.EULER_POSTLN, field).step(0, x, h, out);
                    double[] expected = s1(model, x, n, h);
                    double diff = TestModels.maxAbsDiff(out, expected);
                    assertTrue(diff <= 1e-14 * Math.max(1, InvariantPropertyTest.maxAbs(expected)),
                            model.paperName() + " seed " + seed + ": differs from S1 by " + diff);
                }
            }
        }
    }

    /** The S1 (sphere) or S3 (R^d) step, written out from the definitions. */
    static double[] s1(AttentionModel model, double[] x, int n, double h) {
        int d = model.dimension(), m = model.queryDimension();
        double[][] q = rows(model.q().toDoubleArray(), m, d);
        double[][] k = rows(model.k().toDoubleArray(), m, d);
        double[][] v = rows(model.v().toDoubleArray(), d, d);
        double beta = model.betaDouble();
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            int len = model.mask() == Mask.CAUSAL ? i + 1 : n;
            double[] s = new double[len];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                double sum = 0;
                for (int r = 0; r < m; r++) sum += apply(q[r], x, i, d) * apply(k[r], x, j, d);
                s[j] = beta * sum;
                max = Math.max(max, s[j]);
            }
            double z = 0;
            for (int j = 0; j < len; j++) z += Math.exp(s[j] - max);
            double[] vi = new double[d];
            for (int j = 0; j < len; j++) {
                // Z: the row's count (mean), n (count-n), 1 (none); softmax: the row's sum
                double zOther = switch (model.normalization()) {
                    case MEAN -> len;
                    case COUNT_N -> n;
                    default -> 1;
                };
                double w = model.normalization() == Normalization.SOFTMAX ? Math.exp(s[j] - max) / z : Math.exp(s[j]) / zOther;
                for (int a = 0; a < d; a++) vi[a] += w * apply(v[a], x, j, d);
            }
            double norm2 = 0;
            for (int a = 0; a < d; a++) {
                out[i * d + a] = x[i * d + a] + h * vi[a];
                norm2 += out[i * d + a] * out[i * d + a];
            }
            if (model.geometry() == Geometry.SPHERE) {
                for (int a = 0; a < d; a++) out[i * d + a] /= Math.sqrt(norm2);
            }
        }
        return out;
    }

    /** ⟨row, x_j⟩. */
    static double apply(double[] row, double[] x, int j, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) s += row[c] * x[j * d + c];
        return s;
    }

    static double[][] rows(double[] a, int r, int c) {
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) System.arraycopy(a, i * c, m[i], 0, c);
        return m;
    }
}
