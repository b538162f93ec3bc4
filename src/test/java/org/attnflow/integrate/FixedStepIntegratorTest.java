package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.attnflow.field.AttentionField;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/** How the fixed-step integrator lands on save times, and what it reports. */
class FixedStepIntegratorTest {
    static final AttentionField FIELD = TestModels.field(TestModels.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 2), 2);
    static final double[] START = {1, 0, 0, 1};

    /** Records the (t, h) of every step and leaves the state alone. */
    static final class StepLog implements FixedStepMethod {
        final List<double[]> steps = new ArrayList<>();

        @Override
        public void step(double t, double[] x, double h, double[] out) {
            steps.add(new double[] {t, h});
            System.arraycopy(x, 0, out, 0, x.length);
        }

        @Override public Method method() { return Method.EULER_PROJECTED; }

        @Override public int evaluationsPerStep() { return 1; }
    }

    static StepLog run(double h, TimeGrid grid, TrajectoryRecorder rec) {
        StepLog log = new StepLog();
        new FixedStepIntegrator(FIELD, log, h).integrate(START, grid, rec);
        return log;
    }

    @Test
    void wholeMultiplesTakeExactSteps() {
        // 0.3/0.1 = 2.9999999999999996 and 0.7 - 0.3 = 0.39999999999999997: whole multiples within 1e-9
        TrajectoryRecorder rec = new TrajectoryRecorder(2, 2);
        StepLog log = run(0.1, TimeGrid.of(new double[] {0.3, 0.7}), rec);
        assertEquals(7, log.steps.size());
        for (int i = 0; i < 7; i++) {
            double[] s = log.steps.get(i);
            assertEquals(0.1, s[1], 0.0, "every step is exactly h");
            double expectedT = i < 3 ? i * 0.1 : 0.3 + (i - 3) * 0.1; // formed as t_a + i·h, not summed
            assertEquals(expectedT, s[0], 0.0);
        }
        assertArrayEquals(new double[] {0, 0.3, 0.7}, rec.trajectory().times(), 0.0);
    }

    @Test
    void otherwiseTheLastStepBeforeASaveTimeIsShortened() {
        StepLog log = run(0.1, TimeGrid.of(new double[] {0.25, 0.6}), new TrajectoryRecorder(2, 2));
        double[][] expected = {{0, 0.1}, {0.1, 0.1}, {0.2, 0.25 - 0.2}, {0.25, 0.1}, {0.35, 0.1}, {0.45, 0.1}, {0.25 + 3 * 0.1, 0.6 - (0.25 + 3 * 0.1)}};
        assertEquals(expected.length, log.steps.size());
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], log.steps.get(i), 1e-15, "step " + i);
        // the shortened steps end exactly on the save times
        assertEquals(0.25, log.steps.get(2)[0] + log.steps.get(2)[1], 0.0);
        assertEquals(0.6, log.steps.get(6)[0] + log.steps.get(6)[1], 1e-16);
    }

    @Test
    void saveIntervalsShorterThanTheStepTakeOneShortStepEach() {
        StepLog log = run(0.1, TimeGrid.every(0.2, 0.05), new TrajectoryRecorder(2, 2));
        assertEquals(4, log.steps.size());
        for (double[] s : log.steps) assertEquals(0.05, s[1], 1e-16);
    }

    /** The trajectory does not depend on how often it is saved when the save interval is a multiple of h. */
    @Test
    void savingDoesNotChangeTheTrajectory() {
        IndependentOracles.Case oracle = IndependentOracles.equiangular(Normalization.SOFTMAX, 2, 3, 3, 1, 41);
        for (Method m : Method.values()) {
            if (!m.fixedStep() || m.publicScheme() != null) continue; // NormalizationSchemesTest covers the public steps
            if (m.unsupported(oracle.model()) != null) continue; // z-euler: Euclidean only, covered by its own tests
            AttentionField field = oracle.field();
            FixedStepIntegrator integrator = new FixedStepIntegrator(field, Integrators.fixedStep(m, field), 0.01);
            double[] often = TestModels.run(integrator, field, oracle.start(), TimeGrid.every(1, 0.1)).last();
            double[] once = TestModels.run(integrator, field, oracle.start(), TimeGrid.of(new double[] {1})).last();
            assertArrayEquals(once, often, 0.0, m.key());
        }
    }

    @Test
    void statisticsAndFrames() {
        IndependentOracles.Case oracle = IndependentOracles.twoCausalTokens(1, 1, 3, 1, 42);
        AttentionField field = oracle.field();
        TrajectoryRecorder rec = new TrajectoryRecorder(2, 3);
        SolverStatistics s = new FixedStepIntegrator(field, Integrators.fixedStep(Method.RK4, field), 0.1).integrate(oracle.start(), TimeGrid.every(1, 0.25), rec);
        // 0.25/0.1 = 2.5: two steps and a shortened one per interval
        assertEquals(12, s.steps());
        assertEquals(0, s.rejectedSteps());
        assertEquals(48, s.evaluations());
        Trajectory t = rec.trajectory();
        assertEquals(5, t.frameCount());
        assertArrayEquals(oracle.start(), t.frame(0), 0.0);
        double drift = 0;
        for (int f = 0; f < t.frameCount(); f++) drift = Math.max(drift, InvariantPropertyTest.maxDrift(t.frame(f)));
        assertEquals(drift, s.maxNormDrift(), 0.0);
    }

    @Test
    void rejectsBadStartsAndSteps() {
        FixedStepIntegrator integrator = new FixedStepIntegrator(FIELD, new StepLog(), 0.1);
        TimeGrid grid = TimeGrid.of(new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> integrator.integrate(new double[3], grid, (i, t, x) -> {}));
        assertThrows(IllegalArgumentException.class, () -> integrator.integrate(new double[] {1, 0, 0, 1.01}, grid, (i, t, x) -> {}));
        assertThrows(IllegalArgumentException.class, () -> integrator.integrate(new double[] {1, 0, 0, Double.NaN}, grid, (i, t, x) -> {}));
        assertThrows(IllegalArgumentException.class, () -> new FixedStepIntegrator(FIELD, new StepLog(), 0));
        assertThrows(IllegalArgumentException.class, () -> new FixedStepIntegrator(FIELD, new StepLog(), Double.POSITIVE_INFINITY));
    }
}
