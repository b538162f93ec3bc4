package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

class ReferenceCostTest {
    private static Scenario run(Mask mask, int n, int digits) {
        return TestScenarios.scenario(TestScenarios.identity(Geometry.SPHERE, mask, Normalization.SOFTMAX, "9", 2),
                InitialCondition.generate(InitialKind.UNIFORM_SPHERE, n, 2, 1L, 1.0), TimeGrid.every(1, 0.5), TestScenarios.reference(digits));
    }

    /** A causal run computes n(n + 1)/2 of the n² pairs, and its estimate (above the fixed start-up) is that share. */
    @Test
    void causalRunsCostTheirShareOfPairs() {
        for (int n : new int[] {4, 16, 32}) {
            for (int digits : new int[] {20, 50}) {
                double full = ReferenceCost.seconds(run(Mask.FULL, n, digits)) - ReferenceCost.STARTUP_SECONDS;
                double causal = ReferenceCost.seconds(run(Mask.CAUSAL, n, digits)) - ReferenceCost.STARTUP_SECONDS;
                assertEquals((n + 1) / (2.0 * n), causal / full, 1e-12, "n = " + n + ", " + digits + " digits");
            }
        }
    }
}
