package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/** The runtime invariants: I3 exactly, I1 and its violation report. */
class InvariantTest {

    /** I3: under M3 with V = I token 1 attends to itself only and never moves; its digits stay those of frame 0. */
    @Test
    void firstCausalTokenKeepsEveryDigitWithVEqualToIdentity() {
        DecimalMatrix q = TestScenarios.matrix(2, 3, "1.3", "-0.2", "0.4", "0.1", "0.9", "-1");
        DecimalMatrix k = TestScenarios.matrix(2, 3, "0.7", "0.6", "0", "-0.5", "1", "0.25");
        var model = TestScenarios.model(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "3", q, k, DecimalMatrix.identity(3));
        var start = InitialCondition.generate(InitialKind.GAUSSIAN, 4, 3, 11L, 1.0);
        var run = TestScenarios.run(TestScenarios.scenario(model, start, TimeGrid.every(2, 0.5), TestScenarios.reference(30)));
        String[] first = run.frames().get(0).decimals()[0];
        for (ReferenceFrame frame : run.frames()) {
            assertArrayEquals(first, frame.decimals()[0], "token 1 at frame " + frame.index());
            assertTrue(!frame.decimals()[3][0].equals(run.frames().get(0).decimals()[3][0]) || frame.index() == 0, "token 4 moves");
        }
    }

    /**
     * I7 where double precision gives up: M4 with V = I and Q = K = I, where the scores grow like e^{2t} (here past
     * 10^5 by t = 6, far beyond e^709). In z = e^{−t}x every z_i moves towards a convex combination of the others
     * (ż_i = Σ_j P_ij (z_j − z_i)), so the hull of the z_i, and with it max_i ‖z_i‖, never grows.
     */
    @Test
    void euclideanHullDoesNotGrowWhileScoresPassDoubleRange() {
        var model = TestScenarios.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, "1", 2);
        var start = InitialCondition.generate(InitialKind.GAUSSIAN, 3, 2, 5L, 1.0);
        var run = TestScenarios.run(TestScenarios.scenario(model, start, TimeGrid.every(6, 1), TestScenarios.reference(20)));
        double previous = Double.POSITIVE_INFINITY;
        for (ReferenceFrame frame : run.frames()) {
            double[] x = frame.toDoubleArray();
            double shrink = Math.exp(-frame.time()), largest = 0, largestScore = 0;
            for (int i = 0; i < 3; i++) {
                largest = Math.max(largest, Math.hypot(x[2 * i], x[2 * i + 1]) * shrink);
                largestScore = Math.max(largestScore, x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1]);
            }
            assertTrue(largest <= previous * (1 + 1e-12), "max |z_i| grew to " + largest + " at t = " + frame.time());
            assertTrue(frame.errorEstimate().doubleValue() <= 1e-20 * Math.max(1, largestScore), "estimate " + frame.errorEstimateDecimal());
            previous = largest;
            if (frame.index() == run.frames().size() - 1) assertTrue(largestScore > 1e4, "scores reached only " + largestScore);
        }
    }

    @Test
    void aTokenOffTheSphereStopsTheRunNamingStepTokenAndValue() {
        WorkingPrecision p = WorkingPrecision.forDigits(20);
        Apfloat[][] x = {{p.of(1), p.of(0)}, {p.of("0.6"), p.of("0.8001")}};
        InvariantViolation v = assertThrows(InvariantViolation.class, () -> new NormInvariant(p).checkNormalised(x, 7, "after the step"));
        assertEquals("I1", v.invariant());
        assertEquals(7, v.step());
        assertEquals(1, v.token());
        assertTrue(v.getMessage().contains("step 7") && v.getMessage().contains("token 1") && v.getMessage().contains("0.00016001"), v.getMessage());
        assertEquals(12, v.atStep(12).step());
    }

    @Test
    void retractionLeavesUnitTokensAloneAndNormalisesDriftedOnes() {
        WorkingPrecision p = WorkingPrecision.forDigits(20);
        Apfloat[][] x = {{p.of("0.6"), p.of("0.8")}, {p.of("0.6"), p.of("0.80000000000000000000001")}};
        Apfloat[] unit = x[0];
        new NormInvariant(p).checkAndRetract(x, 1, p.tenToMinus(20));
        assertTrue(x[0] == unit, "an exactly unit token is not re-normalised");
        Apfloat drift = ReferenceAttention.dot(x[1], x[1]).subtract(p.of(1));
        assertTrue(drift.signum() == 0 || Math.abs(drift.doubleValue()) < 1e-28, "retracted token has |x|^2 - 1 = " + drift);
    }
}
