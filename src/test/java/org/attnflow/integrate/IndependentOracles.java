package org.attnflow.integrate;

import java.util.Random;
import org.attnflow.field.AttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The oracles O1–O4 of spec/math.md §5, computed here independently of the code under test: O1 and O2 by integrating
 * their scalar ODEs with Hipparchus' DormandPrince853 at tight tolerance, O3 and O4 with Hipparchus' matrix
 * exponential. Each {@link Case} is a model, a start and the exact state at any time.
 */
final class IndependentOracles {
    private IndependentOracles() {}

    /** An oracle problem: the field's model, its start, the exact solution. */
    interface Case {
        String name();
        AttentionModel model();
        int tokens();
        double[] start();
        double[] exact(double t);
        /** A time over which the solution moves by O(1): order studies integrate to it and scale their steps by it. */
        double horizon();
        default AttentionField field() { return TestModels.field(model(), tokens()); }
    }

    /** Scalar ODE y' = rhs(y) from y0 to time t, by DormandPrince853 at rtol 1e-14. */
    static double solveScalar(java.util.function.DoubleUnaryOperator rhs, double y0, double t) {
        if (t == 0) return y0;
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, 1, 1e-16, 1e-14);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return 1; }
            @Override public double[] computeDerivatives(double time, double[] y) { return new double[] {rhs.applyAsDouble(y[0])}; }
        };
        return dp.integrate(ode, new ODEState(0, new double[] {y0}), t).getPrimaryState()[0];
    }

    /**
     * O1: two causal tokens, Q = K = V = I (M3). x1 stays put; the angle φ of x2 to x1 obeys
     * φ' = −sin φ/(1 + e^{β(1−cos φ)}), and x2 moves in the plane of x1 and its start.
     */
    static Case twoCausalTokens(double beta, double phi0, int d, double horizon, long seed) {
        Random rng = new Random(seed);
        double[] x1 = TestModels.start(rng, Geometry.SPHERE, 1, d);
        double[] w = TestModels.start(rng, Geometry.SPHERE, 1, d);
        double p = 0;
        for (int c = 0; c < d; c++) p += w[c] * x1[c];
        for (int c = 0; c < d; c++) w[c] -= p * x1[c];
        TestModels.normalize(w, d);
        AttentionModel model = TestModels.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, beta, d);
        return new Case() {
            @Override public String name() { return "O1 two causal tokens, beta " + beta; }
            @Override public AttentionModel model() { return model; }
            @Override public double horizon() { return horizon; }
            @Override public int tokens() { return 2; }
            @Override public double[] start() { return exact(0); }
            @Override public double[] exact(double t) {
                double phi = solveScalar(f -> -Math.sin(f) / (1 + Math.exp(beta * (1 - Math.cos(f)))), phi0, t);
                double[] x = new double[2 * d];
                for (int c = 0; c < d; c++) {
                    x[c] = x1[c];
                    x[d + c] = Math.cos(phi) * x1[c] + Math.sin(phi) * w[c];
                }
                return x;
            }
        };
    }

    /**
     * O2: n orthonormal tokens under M1 (softmax) or M2 (mean), Q = K = V = I, rotated by a random orthogonal R.
     * All pairwise products equal γ(t); by the symmetry that permutes tokens and coordinates together the state
     * is x_i = R(p e_i + q 1) with p = √(1−γ), q = γ/(p + √(p² + nγ)) (from ‖x_i‖ = 1, ⟨x_i, x_j⟩ = γ).
     */
    static Case equiangular(Normalization norm, double beta, int n, int d, double horizon, long seed) {
        RealMatrix r = TestModels.rotation(new Random(seed), d);
        AttentionModel model = TestModels.identity(Geometry.SPHERE, Mask.FULL, norm, beta, d);
        return new Case() {
            @Override public String name() { return "O2 equiangular " + (norm == Normalization.SOFTMAX ? "M1" : "M2") + ", n " + n + ", beta " + beta; }
            @Override public AttentionModel model() { return model; }
            @Override public double horizon() { return horizon; }
            @Override public int tokens() { return n; }
            @Override public double[] start() { return exact(0); }
            @Override public double[] exact(double t) {
                double g = solveScalar(y -> norm == Normalization.SOFTMAX
                        ? 2 * Math.exp(beta * y) * (1 - y) * ((n - 1) * y + 1) / (Math.exp(beta) + (n - 1) * Math.exp(beta * y))
                        : (2.0 / n) * Math.exp(beta * y) * (1 - y) * ((n - 1) * y + 1), 0, t);
                double p = Math.sqrt(1 - g);
                double q = g / (p + Math.sqrt(p * p + n * g));
                double[] x = new double[n * d];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < n; c++) x[i * d + c] = q + (c == i ? p : 0);
                }
                return TestModels.rotate(r, x, d);
            }
        };
    }

    /** O3 (sphere) and O4 (R^d): one token, general V: x(t) = e^{tV}x0, normalised on the sphere. */
    static Case singleToken(Geometry g, int d, double horizon, long seed) {
        Random rng = new Random(seed);
        DecimalMatrix v = TestModels.gaussian(rng, d, d, 1);
        double[] x0 = TestModels.start(rng, g, 1, d);
        AttentionModel model = TestModels.identity(g, Mask.FULL, Normalization.SOFTMAX, 1, d).withV(v);
        RealMatrix vm = matrix(v);
        return new Case() {
            @Override public String name() { return g == Geometry.SPHERE ? "O3 single token on the sphere" : "O4 single Euclidean token"; }
            @Override public AttentionModel model() { return model; }
            @Override public double horizon() { return horizon; }
            @Override public int tokens() { return 1; }
            @Override public double[] start() { return x0.clone(); }
            @Override public double[] exact(double t) {
                return flow(vm, x0, t, g == Geometry.SPHERE);
            }
        };
    }

    /** e^{tV}x, normalised when {@code sphere}: O3/O4. */
    static double[] flow(RealMatrix v, double[] x, double t, boolean sphere) {
        RealVector y = MatrixUtils.matrixExponential(v.scalarMultiply(t)).operate(MatrixUtils.createRealVector(x));
        if (sphere) y = y.mapDivide(y.getNorm());
        return y.toArray();
    }

    static RealMatrix matrix(DecimalMatrix m) {
        RealMatrix r = MatrixUtils.createRealMatrix(m.rows(), m.cols());
        for (int a = 0; a < m.rows(); a++) for (int b = 0; b < m.cols(); b++) r.setEntry(a, b, m.get(a, b).doubleValue());
        return r;
    }
}
