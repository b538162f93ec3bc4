package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.TwoCausalTokens;
import org.junit.jupiter.api.Test;

/**
 * The runtime checks' tolerances follow the digits the arithmetic carries: a correct run never aborts, at any
 * {@code digits} from 10 to 100 (issue 13 measured aborts at 23, 26, 40, 43 on O1 β = 64 and at 40 on the causal
 * circle: the I4 tolerance n·10^-(p−1) did not hold for exact rows once scores have two integer digits). Cut short
 * (t = 0.1, one step: the checks that failed fire at the first evaluations) so that the test stays fast:
 * <ul>
 *   <li>O1 (β = 64, cos φ = 0.96, where the second token moves) with the reference's extrapolation at every D = 10..100,
 *       its frame also held to the oracle and to its estimate;</li>
 *   <li>the causal circle (n = 4, β = 4) replayed by rk4 (one step of 0.1) at every D = 10..100, so that the field's
 *       checks (I2 probe, I4, the tangent I1) run at every working precision D + 10 = 20..110, and with the
 *       extrapolation at D = 10, 25, 40 (the abort), 55, 70, 85, 100 (the extrapolation's four times dearer
 *       circle at every D took 75 s of the suite).</li>
 * </ul>
 */
class DigitsRangeTest {

    @Test
    void everyDigitCountFrom10To100RunsO1AndTheCausalCircleWithoutAbort() {
        var o1 = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "64", 2);
        DecimalMatrix start = TestScenarios.matrix(2, 2, "1", "0", "0.96", "0.28");
        var oracle = TwoCausalTokens.ofTokens(new BigDecimal(64), start.toRows()[0], start.toRows()[1]);
        var circle = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "4", 2);
        TimeGrid grid = TimeGrid.every(0.1, 0.1);
        for (int digits = 10; digits <= 100; digits++) {
            var run = TestScenarios.run(TestScenarios.scenario(o1, InitialCondition.of(start), grid, TestScenarios.reference(digits)));
            ReferenceFrame last = run.frames().get(run.frames().size() - 1);
            Apfloat error = EstimateSweep.maxError(last.tokens(), oracle.stateAt(new BigDecimal("0.1"), digits + 20));
            assertTrue(error.compareTo(last.errorEstimate()) <= 0, digits + " digits: error " + error.precision(3) + " above the estimate " + last.errorEstimateDecimal());
            assertTrue(error.compareTo(new Apfloat("1e-" + digits)) <= 0, digits + " digits: error " + error.precision(3));
            TestScenarios.run(TestScenarios.scenario(circle, TestScenarios.causalCircle(), grid, TestScenarios.replay(Method.RK4, 0.1, digits)));
            if (digits % 15 == 10) TestScenarios.run(TestScenarios.scenario(circle, TestScenarios.causalCircle(), grid, TestScenarios.reference(digits)));
        }
    }
}
