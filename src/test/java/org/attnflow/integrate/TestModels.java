package org.attnflow.integrate;

import java.math.BigDecimal;
import java.util.Random;
import org.attnflow.field.AttentionField;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/** Seeded models, starts and runs for the integrator tests. */
final class TestModels {
    private TestModels() {}

    static AttentionModel identity(Geometry g, Mask mask, Normalization norm, double beta, int d) {
        return AttentionModel.identity(g, mask, norm, beta, d);
    }

    /** Gaussian Q, K (m×d, scaled 1/√d), V (d×d) and β in [0.5, 2.5), all from {@code rng}. */
    static AttentionModel random(Random rng, Geometry g, Mask mask, Normalization norm, int d, int m) {
        double beta = 0.5 + 2 * rng.nextDouble();
        return new AttentionModel(g, mask, norm, new BigDecimal(beta),
                gaussian(rng, m, d, 1 / Math.sqrt(d)), gaussian(rng, m, d, 1 / Math.sqrt(d)), gaussian(rng, d, d, 1));
    }

    static DecimalMatrix gaussian(Random rng, int rows, int cols, double scale) {
        double[] a = new double[rows * cols];
        for (int k = 0; k < a.length; k++) a[k] = scale * rng.nextGaussian();
        return DecimalMatrix.ofDoubles(rows, cols, a);
    }

    static AttentionField field(AttentionModel model, int n) { return new ScalarAttentionField(model, n); }

    /** n tokens uniform on S^{d−1} (sphere) or standard Gaussian in R^d. */
    static double[] start(Random rng, Geometry g, int n, int d) {
        double[] x = new double[n * d];
        for (int k = 0; k < x.length; k++) x[k] = rng.nextGaussian();
        if (g == Geometry.SPHERE) normalize(x, d);
        return x;
    }

    static void normalize(double[] x, int d) {
        for (int i = 0; i < x.length / d; i++) {
            double r = 0;
            for (int c = 0; c < d; c++) r += x[i * d + c] * x[i * d + c];
            r = Math.sqrt(r);
            for (int c = 0; c < d; c++) x[i * d + c] /= r;
        }
    }

    /** A Haar-ish random orthogonal d×d matrix (Q factor of a Gaussian matrix). */
    static RealMatrix rotation(Random rng, int d) {
        RealMatrix a = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) a.setEntry(i, j, rng.nextGaussian());
        return new QRDecomposition(a).getQ();
    }

    /** Applies R to every token of a row-major state. */
    static double[] rotate(RealMatrix r, double[] x, int d) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length / d; i++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) s += r.getEntry(a, b) * x[i * d + b];
                y[i * d + a] = s;
            }
        }
        return y;
    }

    /**
     * A step for the model: h, or h/5 under mean normalisation, whose velocity carries the unnormalised e^{s_ij}
     * and is correspondingly larger.
     */
    static double step(AttentionModel model, double h) { return model.normalization() == Normalization.MEAN ? h / 5 : h; }

    /**
     * The double methods that step every post-LN model (all but the public simulator's steps, which step only their
     * own normalisation scheme: {@code NormalizationSchemesTest} runs those).
     */
    static java.util.List<Method> postLnMethods() {
        AttentionModel sphere = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 2);
        AttentionModel euclidean = AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1, 2);
        return Method.doublePrecisionMethods().stream().filter(m -> m.unsupported(sphere) == null && m.unsupported(euclidean) == null).toList();
    }

    /** The fixed-step method with step h, or dopri5 at rtol 1e-10, atol 1e-12. */
    static Integrator integrator(Method method, AttentionField field, double h) {
        return method.fixedStep()
                ? new FixedStepIntegrator(field, Integrators.fixedStep(method, field), h)
                : new Dopri5Integrator(field, 1e-10, 1e-12, null);
    }

    static SolverSettings settings(Method method, Double step, double rtol, double atol) {
        return new SolverSettings(method, step, rtol, atol, null, FieldKind.SCALAR, 1);
    }

    /** Runs and returns the recorded trajectory. */
    static Trajectory run(Integrator integrator, AttentionField field, double[] x0, TimeGrid grid) {
        TrajectoryRecorder rec = new TrajectoryRecorder(field.tokens(), field.dimension());
        integrator.integrate(x0, grid, rec);
        return rec.trajectory();
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
        return m;
    }
}
