package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.attnflow.field.AttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * z-euler (spec/math.md §8.6): one step is the [GLPR-E] authors' formula computed independently here (Euler on
 * z = e^{−tV}x with P at x), it is exact for the linear part (a lone token follows e^{tV}), its order against the
 * flow is 1, and it refuses the sphere.
 */
class ZEulerStepTest {

    /** z' = z + h Σ_j P_ij V (z_j − z_i) with P from x = e^{tV}z, then x' = e^{(t+h)V} z': the authors' own variables. */
    @Test
    void oneStepIsEulerOnTheRescaledCoordinates() {
        Random rng = new Random(3);
        int n = 5, d = 3;
        for (Mask mask : Mask.values()) {
            AttentionModel model = TestModels.random(rng, Geometry.EUCLIDEAN, mask, Normalization.SOFTMAX, d, 2);
            double[] x = TestModels.start(rng, Geometry.EUCLIDEAN, n, d);
            double t = 0.7, h = 0.1;
            AttentionField field = TestModels.field(model, n);
            double[] out = new double[n * d];
            Integrators.fixedStep(Method.Z_EULER, field).step(t, x, h, out);

            RealMatrix v = MatrixUtils.createRealMatrix(model.v().toRows().length, d);
            for (int r = 0; r < d; r++) for (int c = 0; c < d; c++) v.setEntry(r, c, model.v().get(r, c).doubleValue());
            RealMatrix toZ = MatrixUtils.matrixExponential(v.scalarMultiply(-t));
            RealMatrix toX = MatrixUtils.matrixExponential(v.scalarMultiply(t + h));
            double[][] z = new double[n][];
            for (int i = 0; i < n; i++) z[i] = toZ.operate(java.util.Arrays.copyOfRange(x, i * d, i * d + d));
            double[][] p = new org.attnflow.field.ScalarAttentionField(model, n).attentionMatrix(x);
            for (int i = 0; i < n; i++) {
                double[] zi = z[i].clone();
                for (int j = 0; j < n; j++) {
                    double[] diff = new double[d];
                    for (int c = 0; c < d; c++) diff[c] = z[j][c] - z[i][c];
                    double[] vd = v.operate(diff);
                    for (int c = 0; c < d; c++) zi[c] += h * p[i][j] * vd[c];
                }
                double[] xi = toX.operate(zi);
                for (int c = 0; c < d; c++) assertEquals(xi[c], out[i * d + c], 1e-12 * Math.max(1, Math.abs(xi[c])), mask + " token " + i);
            }
        }
    }

    @Test
    void aLoneTokenFollowsTheLinearFlowExactly() {
        AttentionModel model = TestModels.random(new Random(4), Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 3, 3);
        AttentionField field = TestModels.field(model, 1);
        double[] x = {0.3, -1.2, 0.5};
        Trajectory run = TestModels.run(new FixedStepIntegrator(field, Integrators.fixedStep(Method.Z_EULER, field), 0.25), field, x,
                TimeGrid.every(2, 2));
        RealMatrix v = MatrixUtils.createRealMatrix(3, 3);
        for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) v.setEntry(r, c, model.v().get(r, c).doubleValue());
        double[] exact = MatrixUtils.matrixExponential(v.scalarMultiply(2)).operate(x);
        assertTrue(TestModels.maxAbsDiff(run.frame(1), exact) < 1e-13, "e^{hV} composed 8 times is e^{2V}");
    }

    /** Errors against dopri5 at rtol 1e-12 at h, h/2, h/4, h/8: slope 1. */
    @Test
    void itIsFirstOrderAgainstTheFlow() {
        Random rng = new Random(5);
        AttentionModel model = TestModels.random(rng, Geometry.EUCLIDEAN, Mask.CAUSAL, Normalization.SOFTMAX, 2, 2);
        int n = 6;
        double[] x = TestModels.start(rng, Geometry.EUCLIDEAN, n, 2);
        TimeGrid grid = TimeGrid.every(1, 1);
        AttentionField field = TestModels.field(model, n);
        double[] exact = TestModels.run(new Dopri5Integrator(field, 1e-13, 1e-15, null), field, x, grid).frame(1);
        double[] logH = new double[4], logErr = new double[4];
        for (int l = 0; l < 4; l++) {
            double h = 0.1 / (1 << l);
            double[] end = TestModels.run(new FixedStepIntegrator(field, Integrators.fixedStep(Method.Z_EULER, field), h), field, x, grid).frame(1);
            logH[l] = Math.log(h);
            logErr[l] = Math.log(TestModels.maxAbsDiff(end, exact));
        }
        assertEquals(1, ConvergenceOrderTest.slope(logH, logErr), 0.1);
    }

    @Test
    void itRefusesTheSphere() {
        AttentionField sphere = TestModels.field(TestModels.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Integrators.fixedStep(Method.Z_EULER, sphere));
        assertTrue(e.getMessage().contains("needs model.geometry euclidean"), e.getMessage());
    }
}
