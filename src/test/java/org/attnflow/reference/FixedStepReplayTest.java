package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.run.ScenarioRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The fixed-step schemes replayed at 50 digits against the double integrators running the same scheme: they
 * must agree to the double's rounding (~1e-13 over a dozen steps), including the shortened step that lands on a
 * save time that is not a multiple of h.
 */
class FixedStepReplayTest {
    private static final DecimalMatrix Q = TestScenarios.matrix(3, 3, "1", "0.2", "0", "-0.3", "1", "0.1", "0", "0.4", "0.9");
    private static final DecimalMatrix K = TestScenarios.matrix(3, 3, "0.8", "0", "0.3", "0.1", "1.1", "0", "0.2", "0", "1");
    private static final DecimalMatrix V = TestScenarios.matrix(3, 3, "1", "0.5", "0", "-0.5", "1", "0", "0", "0.2", "0.7");

    @ParameterizedTest(name = "{0} on {1}/{2}")
    @CsvSource({
            "euler-postln, sphere, full", "euler-postln, sphere, causal",
            "euler-projected, sphere, full", "euler-projected, sphere, causal",
            "rk4, sphere, full", "rk4, sphere, causal",
            "euler-postln, euclidean, full", "rk4, euclidean, causal"})
    void agreesWithTheDoubleSchemeToItsRounding(String method, String geometry, String mask) {
        AttentionModel model = TestScenarios.model(Geometry.fromKey(geometry), Mask.fromKey(mask), Normalization.SOFTMAX, "3", Q, K, V);
        InitialCondition start = InitialCondition.generate(InitialKind.GAUSSIAN, 5, 3, 42L, 1.0);
        TimeGrid grid = TimeGrid.of(new double[]{0.3, 0.75, 1.25}); // 0.75 − 0.3 = 4.5 h: a shortened step
        Scenario scenario = TestScenarios.scenario(model, start, grid, TestScenarios.replay(method, 0.1, 50));
        var reference = TestScenarios.run(scenario);

        List<double[]> frames = new ArrayList<>();
        SolverSettings doubles = new SolverSettings(method, 0.1, 1e-8, 1e-10, null, "scalar", 1);
        var stats = ScenarioRunner.run(TestScenarios.scenario(model, start, grid, doubles), (i, t, x) -> frames.add(x.clone())).statistics();

        assertEquals(stats.steps(), reference.result().steps(), "same number of steps");
        for (int f = 0; f < frames.size(); f++) {
            double[] ref = reference.frames().get(f).toDoubleArray();
            double worst = 0;
            for (int k = 0; k < ref.length; k++) worst = Math.max(worst, Math.abs(ref[k] - frames.get(f)[k]));
            assertTrue(worst < 1e-13, method + " frame " + f + ": double and 50-digit replay differ by " + worst);
            // and the 50-digit replay is itself accurate to its digits (the estimate compares it with 53 digits)
            assertTrue(reference.frames().get(f).errorEstimate().doubleValue() < 1e-45, "rounding estimate " + reference.frames().get(f).errorEstimateDecimal());
        }
    }

    /** I2 under a fixed-step replay: moving the last token leaves every digit of the earlier ones unchanged. */
    @Test
    void causalTokensDoNotDependOnLaterOnesToTheLastDigit() {
        AttentionModel model = TestScenarios.model(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "2", Q, K, V);
        var a = TestScenarios.matrix(4, 3, "1", "0", "0", "0.5", "0.5", "0.1", "-0.2", "1", "0.3", "0.3", "0.3", "0.9");
        var b = TestScenarios.matrix(4, 3, "1", "0", "0", "0.5", "0.5", "0.1", "-0.2", "1", "0.3", "-0.7", "0.1", "0.2");
        TimeGrid grid = TimeGrid.every(0.5, 0.25);
        var runA = TestScenarios.run(TestScenarios.scenario(model, InitialCondition.of(a), grid, TestScenarios.replay("rk4", 0.05, 30)));
        var runB = TestScenarios.run(TestScenarios.scenario(model, InitialCondition.of(b), grid, TestScenarios.replay("rk4", 0.05, 30)));
        for (int f = 0; f < grid.frames(); f++) {
            String[][] da = runA.frames().get(f).decimals(), db = runB.frames().get(f).decimals();
            for (int i = 0; i < 3; i++) {
                for (int c = 0; c < 3; c++) assertEquals(da[i][c], db[i][c], "frame " + f + " token " + i);
            }
            assertTrue(!da[3][0].equals(db[3][0]), "the moved token moved");
        }
    }

    @Test
    void refusesSchemesItDoesNotReplay() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, "1", 2);
        var start = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 2, 2, 1L, 1.0);
        var scenario = TestScenarios.scenario(model, start, TimeGrid.every(1, 1), TestScenarios.replay("dopri5", 0.1, 20));
        var e = assertThrows(IllegalArgumentException.class, () -> ReferenceSolver.solve(scenario, f -> { }));
        assertTrue(e.getMessage().contains("dopri5"), e.getMessage());
    }
}
