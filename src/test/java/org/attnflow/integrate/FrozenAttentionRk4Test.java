package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnflow.field.AttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.model.Method;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * Our rk4 is not the "frozen attention" RK4 of some public code, whose four stages are all f(x_n) (the stage
 * shift cancels), which makes it Euler. The fake is written here; both are measured on O1.
 */
class FrozenAttentionRk4Test {

    /** The defective scheme: k1 = k2 = k3 = k4 = f(x_n), so x_{n+1} = normalize(x_n + h f(x_n)). */
    static final class FrozenRk4 implements FixedStepMethod {
        private final AttentionField field;
        private final double[] k;

        FrozenRk4(AttentionField field) {
            this.field = field;
            this.k = new double[field.tokens() * field.dimension()];
        }

        @Override
        public void step(double t, double[] x, double h, double[] out) {
            field.velocity(x, k);
            double[] k1 = k.clone(), k2 = k.clone(), k3 = k.clone(), k4 = k.clone();
            for (int i = 0; i < out.length; i++) out[i] = x[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            Tokens.normalize(out, field.dimension());
        }

        @Override public Method method() { return Method.RK4; }

        @Override public int evaluationsPerStep() { return 1; }
    }

    @Test
    void stagesAreGenuineEvaluations() {
        IndependentOracles.Case oracle = IndependentOracles.twoCausalTokens(0.5, 1.5, 3, 4, 31);
        for (Method m : new Method[] {Method.RK4, Method.RKMK4, Method.DOPRI5}) {
            StageCountingField field = new StageCountingField(oracle.field());
            Integrators.fixedStep(m, field).step(0, oracle.start(), 0.1, new double[6]);
            int expected = Integrators.fixedStep(m, field).evaluationsPerStep();
            assertEquals(expected, field.states.size(), m.key() + " evaluations per step");
            assertEquals(expected, field.distinctStates(), m.key() + ": every stage at its own state");
        }
        StageCountingField field = new StageCountingField(oracle.field());
        new FrozenRk4(field).step(0, oracle.start(), 0.1, new double[6]);
        assertEquals(1, field.distinctStates(), "the fake evaluates at x_n only");
    }

    @Test
    void orderIsFourNotOne() {
        IndependentOracles.Case oracle = IndependentOracles.twoCausalTokens(0.5, 1.5, 3, 4, 31);
        double[] exact = oracle.exact(4);
        double[] logH = new double[4], ours = new double[4], fake = new double[4];
        for (int l = 0; l < 4; l++) {
            double h = 0.2 / (1 << l);
            AttentionField field = oracle.field();
            double[] a = TestModels.run(new FixedStepIntegrator(field, Integrators.fixedStep(Method.RK4, field), h), field, oracle.start(), TimeGrid.of(new double[] {4})).last();
            double[] b = TestModels.run(new FixedStepIntegrator(field, new FrozenRk4(field), h), field, oracle.start(), TimeGrid.of(new double[] {4})).last();
            logH[l] = Math.log(h);
            ours[l] = Math.log(TestModels.maxAbsDiff(a, exact));
            fake[l] = Math.log(TestModels.maxAbsDiff(b, exact));
        }
        double orderOurs = ConvergenceOrderTest.slope(logH, ours);
        double orderFake = ConvergenceOrderTest.slope(logH, fake);
        System.out.printf("FROZEN-RK4 observed order: ours %.3f, frozen-attention fake %.3f%n", orderOurs, orderFake);
        assertEquals(4, orderOurs, 0.3);
        assertEquals(1, orderFake, 0.3);
        assertTrue(fake[3] - ours[3] > Math.log(1e3), "the fake is far less accurate at the finest step");
    }
}
