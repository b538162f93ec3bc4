package org.attnflow.run;

import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routing point runs the field the scenario asks for, and the SIMD and scalar runs agree. */
class ScenarioRunnerTest {

    private static Scenario scenario(String field) {
        return ScenarioReader.parse("""
                { "model": { "geometry": "sphere", "mask": "causal", "beta": 9 },
                  "initial": { "n": 24, "d": 3, "kind": "uniform-sphere", "seed": 5 },
                  "time": { "end": 1, "save_every": 0.5 },
                  "solver": { "method": "rk4", "step": 0.05, "field": "%s", "threads": 2 } }""".formatted(field), "test").scenario();
    }

    @Test
    void simdAndScalarRoutesAgree() {
        TrajectoryRecorder scalar = new TrajectoryRecorder(24, 3);
        TrajectoryRecorder simd = new TrajectoryRecorder(24, 3);
        assertEquals("ScalarAttentionField", ScenarioRunner.run(scenario("scalar"), scalar).arithmetic());
        assertEquals("VectorAttentionField", ScenarioRunner.run(scenario("simd"), simd).arithmetic());
        double[] a = scalar.trajectory().frame(2), b = simd.trajectory().frame(2);
        double max = 0;
        for (int k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k] - b[k]));
        assertTrue(max < 1e-12, "rk4 over 20 steps, SIMD vs scalar field: " + max);
    }
}
