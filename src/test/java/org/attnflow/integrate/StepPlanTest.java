package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one stepping rule of every fixed-step arithmetic (double integrators, the reference's replay, validate's I4). */
class StepPlanTest {

    @Test
    void wholeMultiplesOfHAreWholeStepsEvenWhenTheQuotientRoundsBelow() {
        assertEquals(2.9999999999999996, 0.3 / 0.1, 0.0);
        assertEquals(new StepPlan(3, false), StepPlan.between(0, 0.3, 0.1));
        assertEquals(new StepPlan(4, true), StepPlan.between(0.3, 0.75, 0.1), "4.5 h: four steps and a shortened one");
        assertEquals(5, StepPlan.between(0.3, 0.75, 0.1).steps());
    }

    @Test
    void oneStepIsExactlyOneStepOfH() {
        assertTrue(StepPlan.between(0.1, 0.2, 0.1).singleStep());
        assertTrue(StepPlan.between(0, 0.1 * (1 + 1e-12), 0.1).singleStep(), "within the 1e-9 relative tolerance");
        assertFalse(StepPlan.between(0, 0.1 * (1 + 1e-6), 0.1).singleStep(), "one step and a sliver");
        assertFalse(StepPlan.between(0, 0.09, 0.1).singleStep(), "a shortened step only");
        assertFalse(StepPlan.between(0, 0.2, 0.1).singleStep());
    }
}
