package org.attnflow.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnflow.model.Scenario;
import org.junit.jupiter.api.Test;

/**
 * {@code solver.step_rule: "usa-rescaled"} (spec/math.md §8.4): h / max(√β e^{β−1/2}, 1) under the mean
 * normalisation, the written step otherwise; refused where it has nothing to rescale or no single β.
 */
class StepRuleTest {

    private static String scenario(String normalization, double beta, String solver) {
        return """
                { "model": { "geometry": "sphere", "normalization": "%s", "beta": %s },
                  "initial": { "n": 4, "d": 2, "kind": "uniform-sphere", "seed": 7 },
                  "time": { "end": 1, "save_every": 0.5 },
                  "solver": %s }""".formatted(normalization, beta, solver);
    }

    private static Scenario read(String json) { return ScenarioReader.parse(json, "rule.json").scenario(); }

    @Test
    void theMeanNormalisationGetsThePublicCodesStep() {
        String euler = "{ \"method\": \"euler-postln\", \"step\": 0.1, \"step_rule\": \"usa-rescaled\" }";
        for (double beta : new double[] {1, 4, 9}) {
            double expected = 0.1 / Math.max(Math.sqrt(beta) * Math.exp(beta - 0.5), 1);
            assertEquals(expected, read(scenario("mean", beta, euler)).solver().step(), 1e-18, "beta " + beta);
        }
        assertEquals(0.1 / (2 * Math.exp(3.5)), read(scenario("mean", 4, euler)).solver().step(), 1e-18);
        // small beta: sqrt(beta) e^{beta - 1/2} < 1, the step is kept
        assertEquals(0.1, read(scenario("mean", 0.25, euler)).solver().step());
        // softmax: unchanged, as in the public code
        assertEquals(0.1, read(scenario("softmax", 4, euler)).solver().step());
        assertEquals(0.1, read(scenario("mean", 4, "{ \"method\": \"rk4\", \"step\": 0.1, \"step_rule\": \"as-given\" }")).solver().step());
    }

    @Test
    void itIsRefusedWhereThereIsNoFixedStepOrNoSingleBeta() {
        String dopri = scenario("mean", 4, "{ \"method\": \"dopri5\", \"step_rule\": \"usa-rescaled\" }");
        InputException e = assertThrows(InputException.class, () -> read(dopri));
        assertEquals("rule.json: solver.step_rule: usa-rescaled rescales a fixed step; method dopri5 has none", e.getMessage());
        String unknown = scenario("mean", 4, "{ \"method\": \"rk4\", \"step\": 0.1, \"step_rule\": \"usa\" }");
        assertTrue(assertThrows(InputException.class, () -> read(unknown)).getMessage().contains("'usa' is not one of as-given|usa-rescaled"));
    }
}
