package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MeanFieldBetaZeroTest {

    private static double[] randomUnitTokens(Random rng, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int c = 0; c < d; c++) { x[i * d + c] = rng.nextGaussian(); r += x[i * d + c] * x[i * d + c]; }
            r = Math.sqrt(r);
            for (int c = 0; c < d; c++) x[i * d + c] /= r;
        }
        return x;
    }

    /** At β = 0 every weight of a full row is 1/n under softmax, mean and count-n ("none" sums instead: n times the field). */
    @ParameterizedTest
    @EnumSource(value = Normalization.class, names = {"SOFTMAX", "MEAN", "COUNT_N"})
    void fullAttentionAtBetaZeroIsTheMeanField(Normalization normalization) {
        Random rng = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(9), d = 2 + rng.nextInt(4);
            double[] v = new double[d * d];
            for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
            DecimalMatrix vm = DecimalMatrix.ofDoubles(d, d, v);
            AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, normalization, 0.0, d).withV(vm);
            double[] x = randomUnitTokens(rng, n, d);
            double[] expected = new double[n * d], got = new double[n * d];
            new ScalarAttentionField(model, n).velocity(x, expected);
            new MeanFieldBetaZero(vm).velocity(x, got);
            for (int k = 0; k < n * d; k++) assertEquals(expected[k], got[k], 1e-14, "trial " + trial + " entry " + k);
        }
    }

    @Test
    void orderParameterRateIsTheDerivativeAndIsNonNegative() {
        Random rng = new Random(5);
        MeanFieldBetaZero field = MeanFieldBetaZero.identity(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = randomUnitTokens(rng, 7, 3), v = new double[x.length];
            field.velocity(x, v);
            double h = 1e-6;
            double[] plus = x.clone(), minus = x.clone();
            for (int k = 0; k < x.length; k++) { plus[k] += h * v[k]; minus[k] -= h * v[k]; }
            double fd = (MeanFieldBetaZero.orderParameter(plus, 3) - MeanFieldBetaZero.orderParameter(minus, 3)) / (2 * h);
            double rate = MeanFieldBetaZero.orderParameterRate(x, 3);
            assertEquals(fd, rate, 1e-8);
            assertTrue(rate >= 0);
        }
    }

    @Test
    void orderParameterGrowsMonotonicallyOnTheCircle() {
        int n = 12, d = 2;
        double[] x0 = randomUnitTokens(new Random(3), n, d);
        MeanFieldBetaZero field = MeanFieldBetaZero.identity(d);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return n * d; }
            @Override public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[y.length];
                field.velocity(y, out);
                return out;
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-10, 1, 1e-13, 1e-12);
        ODEState state = new ODEState(0, x0);
        double previous = MeanFieldBetaZero.orderParameter(x0, d);
        for (int step = 1; step <= 40; step++) {
            state = integrator.integrate(ode, state, 0.25 * step);
            double r = MeanFieldBetaZero.orderParameter(state.getPrimaryState(), d);
            assertTrue(r >= previous - 1e-12, "order parameter fell from " + previous + " to " + r + " at t = " + 0.25 * step);
            previous = r;
        }
        assertTrue(previous > 0.999, "tokens synchronise: |mean| = " + previous);
    }
}
