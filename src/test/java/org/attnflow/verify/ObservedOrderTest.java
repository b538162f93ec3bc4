package org.attnflow.verify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The observed order from errors e = C h^p, and what errors at the rounding floor do to it. */
class ObservedOrderTest {
    private static final double[] STEPS = {0.1, 0.05, 0.025};
    private static final double[] FLOORS = {1e-13, 1e-13, 1e-13};

    @Test
    void errorsOfAPowerLawGiveItsExponent() {
        double[] e = new double[3];
        for (int k = 0; k < 3; k++) e[k] = 3 * Math.pow(STEPS[k], 4);
        ConvergenceOrder o = ConvergenceOrder.observe(STEPS, e, FLOORS, 4);
        assertEquals(4, o.order(), 1e-12);
        assertEquals(1, o.used(), "the finest pair");
        assertTrue(o.matches());
        assertFalse(ConvergenceOrder.observe(STEPS, e, FLOORS, 1).matches());
    }

    @Test
    void errorsAtTheRoundingFloorAreNotUsed() {
        double[] e = {1e-8, 1e-8 / 16, 5e-14}; // the last has hit rounding
        ConvergenceOrder o = ConvergenceOrder.observe(STEPS, e, FLOORS, 4);
        assertEquals(0, o.used(), "the coarser pair, both above the floor");
        assertEquals(4, o.order(), 1e-12);

        ConvergenceOrder flat = ConvergenceOrder.observe(STEPS, new double[] {2e-14, 3e-14, 2e-14}, FLOORS, 4);
        assertFalse(flat.measurable());
        assertTrue(flat.matches(), "converged to rounding already at h");
        assertFalse(ConvergenceOrder.observe(STEPS, new double[] {1e-3, 5e-14, 5e-14}, FLOORS, 1).matches(),
                "an error above the floor at h that no pair can measure is not a match");
    }
}
