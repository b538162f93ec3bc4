package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/** Members stepping together: each as alone, a breakdown stops only its own member. */
class LockStepTest {

    /** An Euler step that breaks down at its k-th step (a planted failure). */
    static FixedStepMethod failingAt(FixedStepMethod inner, int k) {
        return new FixedStepMethod() {
            int steps;

            @Override
            public void step(double t, double[] x, double h, double[] out) {
                if (++steps == k) throw new ArithmeticException("planted breakdown at t = " + t);
                inner.step(t, x, h, out);
            }

            @Override
            public Method method() { return inner.method(); }

            @Override
            public int evaluationsPerStep() { return 1; }
        };
    }

    @Test
    void aBreakdownStopsOnlyItsMemberAndTheOthersMatchTheirRunsAlone() {
        int n = 5, d = 3;
        TimeGrid grid = TimeGrid.every(1.0, 0.25);
        List<FixedStepIntegrator> members = new ArrayList<>();
        List<double[]> starts = new ArrayList<>();
        List<TrajectoryRecorder> recorders = new ArrayList<>();
        List<double[]> alone = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            AttentionModel m = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1 + 3 * b, d);
            double[] x0 = new java.util.Random(b).doubles(n * d, -1, 1).toArray();
            org.attnflow.field.Tokens.normalize(x0, d);
            FixedStepMethod euler = Integrators.fixedStep(Method.EULER_POSTLN, new ScalarAttentionField(m, n));
            members.add(new FixedStepIntegrator(new ScalarAttentionField(m, n), b == 1 ? failingAt(euler, 3) : euler, 0.05));
            starts.add(x0);
            recorders.add(new TrajectoryRecorder(n, d));
            TrajectoryRecorder own = new TrajectoryRecorder(n, d);
            new FixedStepIntegrator(new ScalarAttentionField(m, n), Integrators.fixedStep(Method.EULER_POSTLN, new ScalarAttentionField(m, n)), 0.05)
                    .integrate(x0, grid, own);
            alone.add(own.trajectory().last());
        }
        int[] calls = {0};
        LockStep.Outcome[] out = LockStep.integrate(members, starts, grid, recorders, (t, h, states, live, taken) -> calls[0]++);
        assertEquals(20, calls[0], "one batched evaluation before every step");
        assertTrue(out[1].failed());
        assertTrue(out[1].failure().getMessage().startsWith("planted breakdown"));
        for (int b : new int[] {0, 2}) {
            assertFalse(out[b].failed());
            assertEquals(20, out[b].statistics().steps());
            assertArrayEquals(alone.get(b), recorders.get(b).trajectory().last(), "member " + b);
        }
        // alone, the same breakdown propagates as it always did
        AttentionModel m1 = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 4, d);
        FixedStepIntegrator failing = new FixedStepIntegrator(new ScalarAttentionField(m1, n),
                failingAt(Integrators.fixedStep(Method.EULER_POSTLN, new ScalarAttentionField(m1, n)), 3), 0.05);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> failing.integrate(starts.get(1), grid, new TrajectoryRecorder(n, d)));
        assertEquals(out[1].failure().getMessage(), e.getMessage());
    }
}
