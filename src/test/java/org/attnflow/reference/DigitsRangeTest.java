package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.TwoCausalTokens;
import org.junit.jupiter.api.Test;

/**
 * The runtime checks' tolerances follow the digits the arithmetic carries: a correct run never aborts, at any
 * {@code digits} from 10 to 100 (issue 13 measured aborts at 23, 26, 40, 43 on O1 β = 64 and at 40 on the causal
 * circle: the I4 tolerance n·10^-(p−1) did not hold for exact rows once scores have two integer digits). Every value
 * is run on O1 (β = 64, cos φ = 0.96, where the second token moves) and on the causal circle (n = 4, β = 4), cut
 * short (t = 0.1: the checks fire at the first evaluations, which is where they failed) so that the test stays fast;
 * O1's frame is also held to its oracle and its estimate.
 */
class DigitsRangeTest {

    @Test
    void everyDigitCountFrom10To100RunsO1AndTheCausalCircleWithoutAbortAndWithinItsEstimate() {
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
            TestScenarios.run(TestScenarios.scenario(circle, TestScenarios.causalCircle(), grid, TestScenarios.reference(digits)));
        }
    }
}
