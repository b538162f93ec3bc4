package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.attnflow.field.AttentionField;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The adaptive Dormand–Prince integrator: accuracy against oracles, dense output, step control, statistics. */
class Dopri5IntegratorTest {

    static Stream<IndependentOracles.Case> oracles() {
        return Stream.of(
                IndependentOracles.twoCausalTokens(4, 2.0, 3, 5, 21),
                IndependentOracles.twoCausalTokens(0.5, 1.5, 4, 5, 22),
                IndependentOracles.equiangular(Normalization.SOFTMAX, 2, 3, 4, 5, 23),
                IndependentOracles.equiangular(Normalization.MEAN, 1, 4, 5, 5, 24));
    }

    /**
     * rtol 1e-11 meets the oracle to 1e-9 at every save time. The save times (every 0.1) fall between steps, so
     * this also checks the dense output and its retraction.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oracles")
    void tightToleranceMeetsOracle(IndependentOracles.Case oracle) {
        AttentionField field = oracle.field();
        Dopri5Integrator integrator = new Dopri5Integrator(field, 1e-11, 1e-13, null);
        TrajectoryRecorder rec = new TrajectoryRecorder(field.tokens(), field.dimension());
        TimeGrid grid = TimeGrid.every(oracle.horizon(), 0.1);
        SolverStatistics stats = integrator.integrate(oracle.start(), grid, rec);
        Trajectory run = rec.trajectory();
        assertArrayEquals(grid.times(), run.times());
        double maxErr = 0;
        for (int f = 0; f < run.frameCount(); f++) maxErr = Math.max(maxErr, TestModels.maxAbsDiff(run.frame(f), oracle.exact(run.time(f))));
        System.out.printf("DOPRI5 rtol 1e-11 %-40s max error %.2e over %d frames; %s%n", oracle.name(), maxErr, run.frameCount(), stats);
        assertTrue(maxErr <= 1e-9, oracle.name() + ": max error " + maxErr);
        assertTrue(stats.maxNormDrift() <= 1e-14, "drift " + stats.maxNormDrift());
    }

    /** Dense output: the step sequence, and so the end state, is the same however many frames are saved. */
    @Test
    void stepSequenceDoesNotDependOnSaveTimes() {
        IndependentOracles.Case oracle = IndependentOracles.equiangular(Normalization.SOFTMAX, 3, 3, 3, 2, 25);
        AttentionField field = oracle.field();
        TrajectoryRecorder sparse = new TrajectoryRecorder(3, 3);
        TrajectoryRecorder dense = new TrajectoryRecorder(3, 3);
        SolverStatistics a = new Dopri5Integrator(field, 1e-8, 1e-10, null).integrate(oracle.start(), TimeGrid.of(new double[] {2}), sparse);
        SolverStatistics b = new Dopri5Integrator(field, 1e-8, 1e-10, null).integrate(oracle.start(), TimeGrid.every(2, 0.013), dense);
        assertEquals(a.steps(), b.steps());
        assertEquals(a.rejectedSteps(), b.rejectedSteps());
        assertEquals(a.evaluations(), b.evaluations());
        assertArrayEquals(sparse.trajectory().last(), dense.trajectory().last(), 0.0);
    }

    /** Counts: 6 evaluations per attempted step, one for f(x0), one for the automatic initial step's probe. */
    @Test
    void statisticsCountEvaluations() {
        IndependentOracles.Case oracle = IndependentOracles.twoCausalTokens(4, 2.0, 3, 3, 26);
        AttentionField field = oracle.field();
        SolverStatistics auto = new Dopri5Integrator(field, 1e-9, 1e-12, null).integrate(oracle.start(), TimeGrid.every(3, 1), (i, t, x) -> {});
        assertEquals(6 * (auto.steps() + auto.rejectedSteps()) + 2, auto.evaluations());
        // A first step far too large is rejected, then the controller recovers and still meets the tolerance.
        TrajectoryRecorder rec = new TrajectoryRecorder(2, 3);
        SolverStatistics given = new Dopri5Integrator(field, 1e-9, 1e-12, 3.0).integrate(oracle.start(), TimeGrid.every(3, 1), rec);
        assertTrue(given.rejectedSteps() >= 1, given.toString());
        assertEquals(6 * (given.steps() + given.rejectedSteps()) + 1, given.evaluations());
        assertTrue(TestModels.maxAbsDiff(rec.trajectory().last(), oracle.exact(3)) < 1e-7);
    }

    /** A pure relative tolerance (atol = 0) copes with components that stay exactly 0 (0/0 is no error). */
    @Test
    void pureRelativeToleranceWithZeroComponents() {
        // O2 unrotated in d = 4 > n = 3: the fourth coordinate of every token is exactly 0 throughout
        AttentionField field = TestModels.field(TestModels.identity(org.attnflow.model.Geometry.SPHERE, org.attnflow.model.Mask.FULL,
                Normalization.SOFTMAX, 1, 4), 3);
        double[] x0 = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
        TrajectoryRecorder rec = new TrajectoryRecorder(3, 4);
        SolverStatistics s = new Dopri5Integrator(field, 1e-10, 0, null).integrate(x0, TimeGrid.of(new double[] {2}), rec);
        double[] x = rec.trajectory().last();
        double gamma = IndependentOracles.solveScalar(g -> 2 * Math.exp(g) * (1 - g) * (2 * g + 1) / (Math.exp(1) + 2 * Math.exp(g)), 0, 2);
        double dot = x[0] * x[4] + x[1] * x[5] + x[2] * x[6];
        assertEquals(gamma, dot, 1e-8, s.toString());
        assertEquals(0, x[3], 0.0);
    }

    /** A grid with only t = 0 gives one frame and no work. */
    @Test
    void singleFrameGrid() {
        IndependentOracles.Case oracle = IndependentOracles.twoCausalTokens(1, 1, 3, 1, 27);
        TrajectoryRecorder rec = new TrajectoryRecorder(2, 3);
        SolverStatistics s = new Dopri5Integrator(oracle.field(), 1e-6, 1e-9, null).integrate(oracle.start(), TimeGrid.of(new double[0]), rec);
        assertEquals(1, rec.trajectory().frameCount());
        assertEquals(0, s.evaluations());
        assertArrayEquals(oracle.start(), rec.trajectory().frame(0), 0.0);
    }
}
