package org.attnflow.verify;

import java.util.Random;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * I4 inference: a step taken with each token's attention output scaled by a known c_i (as a softmax that lost its
 * row normalisation does, c_i = Z_i) gives back those c_i, and the step with c_i = 1 gives no excess.
 */
class AttentionScaleTest {

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void theScaleOfEachRowIsRecoveredFromOneEulerStep(Geometry geometry) {
        int n = 5, d = 3;
        double h = 0.1;
        Random rng = new Random(42);
        double[] v = new double[d * d];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian() * 0.5;
        AttentionModel model = AttentionModel.identity(geometry, Mask.CAUSAL, Normalization.SOFTMAX, 2, d).withV(DecimalMatrix.ofDoubles(d, d, v));
        double[] x = new double[n * d];
        for (int k = 0; k < x.length; k++) x[k] = rng.nextGaussian();
        if (geometry == Geometry.SPHERE) Tokens.normalize(x, d);

        double[] a = new double[n * d];
        new ScalarAttentionField(model, n).attend(x, a);
        double[] c = {1, 1.5, 2.25, 0.5, 1 + 1e-6};
        double[] next = new double[n * d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) next[i * d + k] = x[i * d + k] + h * c[i] * a[i * d + k];
        if (geometry == Geometry.SPHERE) Tokens.normalize(next, d);

        AttentionScale.Scales s = new AttentionScale(model, n, 20, false, h).infer(x, next);
        for (int i = 0; i < n; i++) {
            assertEquals(c[i], s.c()[i], 1e-9, "token " + i);
            assertTrue(s.residual()[i] < 1e-14, "a rescaled row explains the step: " + s.residual()[i]);
        }
        assertTrue(s.excess()[0] < 1e-15, "c = 1 moves nothing: " + s.excess()[0]);
        for (int i = 1; i < n; i++) assertTrue(s.excess()[i] > 1e-9, "c != 1 moves token " + i + ": " + s.excess()[i]);
    }
}
