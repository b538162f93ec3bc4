package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The sphere's exponential chart and the Lie-group RK4 built on it. */
class Rkmk4Test {
    static final int D = 4;

    /** A unit x and a tangent u ⊥ x of length r. */
    static double[][] point(Random rng, double r) {
        double[] x = TestModels.start(rng, Geometry.SPHERE, 1, D);
        double[] u = TestModels.start(rng, Geometry.SPHERE, 1, D);
        double p = 0;
        for (int c = 0; c < D; c++) p += u[c] * x[c];
        for (int c = 0; c < D; c++) u[c] -= p * x[c];
        TestModels.normalize(u, D);
        for (int c = 0; c < D; c++) u[c] *= r;
        return new double[][] {x, u};
    }

    static final double[] RADII = {0, 1e-9, 1e-3, 0.00999, 0.01001, 0.3, 1, 2.5};

    /** Exp lands on the sphere, moves by the geodesic distance r, and (dExp)^{-1} inverts its derivative. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void chartIsTheExponentialMap(long seed) {
        Random rng = new Random(seed);
        for (double r : RADII) {
            double[][] xu = point(rng, r);
            double[] x = xu[0], u = xu[1];
            double[] y = new double[D];
            SphereExponential.exp(x, u, y, x.length / D, D);
            assertEquals(1, Math.sqrt(dot(y, y)), 4.5e-16, "on the sphere at r " + r);
            double along = dot(x, y);
            double[] across = y.clone();
            for (int c = 0; c < D; c++) across[c] -= along * x[c];
            assertEquals(r, Math.atan2(Math.sqrt(dot(across, across)), along), 1e-15, "geodesic distance at r " + r);
            // the derivative of Exp in a random tangent direction w, by central differences
            double[] w = point(rng, 1)[1];
            double[] wt = w.clone();
            double p = dot(wt, x);
            for (int c = 0; c < D; c++) wt[c] -= p * x[c];
            double e = 1e-6;
            double[] plus = new double[D], minus = new double[D], up = new double[D], um = new double[D];
            for (int c = 0; c < D; c++) {
                up[c] = u[c] + e * wt[c];
                um[c] = u[c] - e * wt[c];
            }
            SphereExponential.exp(x, up, plus, x.length / D, D);
            SphereExponential.exp(x, um, minus, x.length / D, D);
            double[] g = new double[D];
            for (int c = 0; c < D; c++) g[c] = (plus[c] - minus[c]) / (2 * e);
            SphereExponential.dexpInverse(x, u, g, x.length / D, D);
            assertArrayEquals(wt, g, 1e-8, "dExp^{-1} dExp w = w at r " + r);
            // the normal direction is annihilated
            double[] normal = y.clone();
            SphereExponential.dexpInverse(x, u, normal, x.length / D, D);
            assertArrayEquals(new double[D], normal, 1e-15, "dExp^{-1} of the normal at r " + r);
        }
    }

    /** Without any retraction, rkmk4 keeps the norm to rounding; and it really does not normalise. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void normExactWithoutRetraction(long seed) {
        Random rng = new Random(seed);
        AttentionModel model = TestModels.random(rng, Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 3, 3);
        int n = 8;
        AttentionField field = TestModels.field(model, n);
        FixedStepMethod rkmk4 = Integrators.fixedStep(Method.RKMK4, field);
        double[] x = TestModels.start(rng, Geometry.SPHERE, n, 3);
        double drift = 0;
        for (int s = 0; s < 2000; s++) {
            rkmk4.step(s * 0.01, x, 0.01, x);
            drift = Math.max(drift, InvariantPropertyTest.maxDrift(x));
        }
        System.out.printf("RKMK4 max norm drift over 2000 steps without retraction: %.2e%n", drift);
        assertTrue(drift <= 1e-14, "drift " + drift);
        // A state 1e-9 off the sphere stays off by about that much: the step does not normalise.
        double[] off = TestModels.start(rng, Geometry.SPHERE, n, 3);
        for (int k = 0; k < off.length; k++) off[k] *= 1 + 1e-9;
        rkmk4.step(0, off, 0.01, off);
        double offDrift = InvariantPropertyTest.maxDrift(off);
        assertTrue(offDrift > 0.5e-9 && offDrift < 1.5e-9, "drift after one step from 1e-9 off: " + offDrift);
    }

    /** In R^d the chart is x + u and rkmk4 is classical RK4, to the last bit. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void euclideanRkmk4IsRk4(long seed) {
        Random rng = new Random(seed);
        AttentionModel model = TestModels.random(rng, Geometry.EUCLIDEAN, Mask.CAUSAL, Normalization.SOFTMAX, 3, 2);
        AttentionField field = TestModels.field(model, 5);
        double[] x = TestModels.start(rng, Geometry.EUCLIDEAN, 5, 3);
        double[] a = new double[x.length], b = new double[x.length];
        Integrators.fixedStep(Method.RKMK4, field).step(0, x, 0.05, a);
        Integrators.fixedStep(Method.RK4, field).step(0, x, 0.05, b);
        assertArrayEquals(b, a, 0.0);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) s += a[c] * b[c];
        return s;
    }
}
