package org.attnflow.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;

import org.apfloat.Apfloat;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.reference.ReferenceFrame;
import org.attnflow.reference.ReferenceSolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The double field's stable softmax (issue 2): no NaN or overflow at β = 10^4 on M1, M3, M4, nor on M4 with V = I
 * and QᵀK ≻ 0, whose scores grow like e^{2t} past the double exponent range of exp (709); I4 on the attention
 * matrix throughout; a NaN score is reported, never passed on as NaN weights.
 */
class ScalarAttentionFieldTest {

    enum Model {
        M1(Geometry.SPHERE, Mask.FULL), M3(Geometry.SPHERE, Mask.CAUSAL), M4(Geometry.EUCLIDEAN, Mask.FULL);

        final Geometry geometry;
        final Mask mask;

        Model(Geometry geometry, Mask mask) {
            this.geometry = geometry;
            this.mask = mask;
        }
    }

    private static final int N = 12;
    private static final int D = 3;

    @ParameterizedTest
    @EnumSource(Model.class)
    void betaTenToTheFourHasFiniteVelocitiesAndStochasticRows(Model m) {
        Random rng = new Random(20240 + m.ordinal());
        AttentionModel model = new AttentionModel(m.geometry, m.mask, Normalization.SOFTMAX, new BigDecimal("1e4"),
                gaussian(rng, 4, D), gaussian(rng, 4, D), gaussian(rng, D, D));
        ScalarAttentionField field = new ScalarAttentionField(model, N);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = start(rng, m.geometry);
            double[] v = new double[x.length];
            field.velocity(x, v);
            for (double e : v) assertTrue(Double.isFinite(e), m + ": velocity entry " + e);
            assertStochastic(field.attentionMatrix(x), m.mask, m + " trial " + trial);
        }
    }

    @Test
    void nanScoreBelowAFiniteRowMaximumIsReported() {
        AttentionModel model = AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1, D);
        ScalarAttentionField field = new ScalarAttentionField(model, 3);
        double[] x = {1, 0, 0, Double.NaN, 0, 0, 0, 1, 0};
        // row 0: s_00 = 1 and s_02 = 0 are finite, so the row maximum is; s_01 is NaN
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> field.attend(x, new double[9]));
        assertTrue(e.getMessage().contains("token 0 against token 1 is NaN"), e.getMessage());
        assertThrows(ArithmeticException.class, () -> field.attentionRow(x, 0));
    }

    @Test
    void attentionMatrixIsItsRows() {
        Random rng = new Random(7);
        AttentionModel model = new AttentionModel(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, new BigDecimal("3"),
                gaussian(rng, 2, D), gaussian(rng, 2, D), gaussian(rng, D, D));
        ScalarAttentionField field = new ScalarAttentionField(model, N);
        double[] x = start(rng, Geometry.SPHERE);
        double[][] p = field.attentionMatrix(x);
        for (int i = 0; i < N; i++) assertArrayEquals(field.attentionRow(x, i), p[i], "row " + i);
    }

    /**
     * M4 with V = I, Q = K = I: x_i(t) grows like e^t, the scores ⟨x_i, x_j⟩ like e^{2t}. Run to t = 5, where the
     * largest raw score is far beyond 709 (e^{709} overflows a double), and check the state stays finite and P
     * row-stochastic at every frame.
     */
    @Test
    void euclideanScoresGrowingLikeExpTwoTStayFiniteAndStochastic() {
        AttentionModel model = AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1, 2);
        int n = 6;
        ScalarAttentionField field = new ScalarAttentionField(model, n);
        double[] x0 = new Random(11).doubles(n * 2).map(u -> 2 * u - 1).toArray();
        TimeGrid grid = TimeGrid.every(5, 0.5);
        Trajectory t = integrate(field, x0, grid);
        double largestScore = 0;
        for (int f = 0; f < t.frameCount(); f++) {
            double[] x = t.frame(f);
            for (double e : x) assertTrue(Double.isFinite(e), "frame " + f + " entry " + e);
            assertStochastic(field.attentionMatrix(x), Mask.FULL, "t = " + t.time(f));
            for (int i = 0; i < n; i++) {
                double s = x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1];
                largestScore = Math.max(largestScore, s);
            }
        }
        assertTrue(largestScore > 709, "the run should reach scores beyond the double exp range, largest " + largestScore);
    }

    /** The same M4 run on a short horizon against the reference at 20 digits: dopri5 within its tolerance. */
    @Test
    void euclideanGrowingScoresAgreeWithTheReferenceOnAShortHorizon() {
        AttentionModel model = AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1, 2);
        int n = 4;
        double[] x0 = new Random(11).doubles(n * 2).map(u -> 2 * u - 1).toArray();
        TimeGrid grid = TimeGrid.every(1, 0.5);
        Trajectory doubles = integrate(new ScalarAttentionField(model, n), x0, grid);
        InitialCondition start = InitialCondition.of(DecimalMatrix.ofDoubles(n, 2, x0));
        Scenario scenario = new Scenario(model, start, grid,
                new SolverSettings(Method.REFERENCE, null, 1e-8, 1e-10, 20, FieldKind.AUTO, 1));
        ReferenceFrame[] frames = new ReferenceFrame[grid.frames()];
        ReferenceSolver.solve(scenario, fr -> frames[fr.index()] = fr);
        for (int f = 0; f < grid.frames(); f++) {
            double[] exact = frames[f].toDoubleArray();
            double[] x = doubles.frame(f);
            for (int k = 0; k < x.length; k++) {
                assertEquals(exact[k], x[k], 1e-8 * Math.max(1, Math.abs(exact[k])), "frame " + f + " entry " + k);
            }
        }
        assertTrue(frames[grid.frames() - 1].errorEstimate().compareTo(new Apfloat("1e-15")) < 0, "reference estimate");
    }

    private static Trajectory integrate(AttentionField field, double[] x0, TimeGrid grid) {
        TrajectoryRecorder rec = new TrajectoryRecorder(field.tokens(), field.dimension());
        Integrators.create(new SolverSettings(Method.DOPRI5, null, 1e-10, 1e-12, null, FieldKind.SCALAR, 1), field)
                .integrate(x0.clone(), grid, rec);
        return rec.trajectory();
    }

    /** I4: entries ≥ 0 and finite, zero above the diagonal under the causal mask, rows summing to 1 within 1e-14. */
    private static void assertStochastic(double[][] p, Mask mask, String where) {
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (int j = 0; j < p[i].length; j++) {
                assertTrue(Double.isFinite(p[i][j]) && p[i][j] >= 0, where + ": P[" + i + "][" + j + "] = " + p[i][j]);
                if (mask == Mask.CAUSAL && j > i) assertEquals(0, p[i][j], where + ": causal P[" + i + "][" + j + "]");
                sum += p[i][j];
            }
            assertEquals(1, sum, 1e-14, where + ": row " + i + " sums to " + sum);
        }
    }

    private double[] start(Random rng, Geometry g) {
        double[] x = new double[N * D];
        for (int k = 0; k < x.length; k++) x[k] = rng.nextGaussian();
        if (g == Geometry.SPHERE) Tokens.normalize(x, D);
        return x;
    }

    private static DecimalMatrix gaussian(Random rng, int rows, int cols) {
        double[] a = new double[rows * cols];
        for (int k = 0; k < a.length; k++) a[k] = rng.nextGaussian();
        return DecimalMatrix.ofDoubles(rows, cols, a);
    }
}
