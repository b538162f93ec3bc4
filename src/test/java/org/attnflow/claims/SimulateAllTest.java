package org.attnflow.claims;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.attnflow.run.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClaimContext#simulateAll}: every run equals, bit for bit, its recorded scenario replayed alone through
 * {@link ScenarioRunner} (the field as the group settled it is what the report records), whether it stepped in an
 * ensemble or ran alone; a run that breaks down fails the call as {@code simulate} would.
 */
class SimulateAllTest {

    /** A C6-style list in Euler form: seeds × β at n = 24, d = 6 with Gaussian Q, K (auto settles per group). */
    static List<ObjectNode> list(int seeds, double end, double step) {
        List<ObjectNode> out = new ArrayList<>();
        for (double beta : new double[] {1, 4}) {
            for (int s = 0; s < seeds; s++) {
                ObjectNode sj = ScenarioJson.sphere("simulateAll test, beta = " + beta, "full", "softmax", beta, 24, 6, 40 + s, end, end / 4);
                ScenarioJson.random(sj, "Q", 70 + s, 6, 1);
                ScenarioJson.random(sj, "K", 80 + s, 6, 1);
                sj.putObject("solver").put("method", "euler-postln").put("step", step);
                out.add(sj);
            }
        }
        return out;
    }

    static ClaimReport report() { return new ClaimReport("CX", "simulateAll test", "none"); }

    static void assertEachAsRecordedAlone(ClaimReport r, List<ClaimContext.Run> runs, String expectedField) {
        JsonNode recorded = r.toJson().get("scenarios");
        assertEquals(runs.size(), recorded.size(), "every scenario recorded");
        for (int k = 0; k < runs.size(); k++) {
            assertEquals(expectedField, recorded.get(k).get("solver").get("field").asText(), "run " + k + " records the settled field");
            Scenario s = ScenarioReader.parse(recorded.get(k).toString(), "recorded run " + k).scenario();
            TrajectoryRecorder rec = new TrajectoryRecorder(s.tokens(), s.dimension());
            ScenarioRunner.run(s, rec);
            Trajectory alone = rec.trajectory(), together = runs.get(k).trajectory();
            assertArrayEquals(alone.times(), together.times(), "run " + k);
            for (int f = 0; f < alone.frameCount(); f++) assertArrayEquals(alone.frames()[f], together.frames()[f], "run " + k + ", frame " + f);
        }
    }

    /** 8 runs of one shape: their work repays the SIMD field together (one alone would not), so they step together. */
    @Test
    void aGroupSettledOnSimdStepsTogetherAndEachRunIsItsRecordedScenarioAlone(@TempDir Path tmp) {
        ClaimReport r = report();
        List<ClaimContext.Run> runs = new ClaimContext(false, tmp, r).simulateAll(list(4, 150, 0.01));
        assertEachAsRecordedAlone(r, runs, "simd");
    }

    /**
     * One shape before settling, two fields after: full attention with Q = K settles on the symmetric lanes, the causal
     * runs on SIMD; each group steps with its own field (a mixed group used to be refused), each run its recorded
     * scenario alone.
     */
    @Test
    void runsOfOneShapeThatSettleOnDifferentFieldsStepInSeparateEnsembles(@TempDir Path tmp) {
        List<ObjectNode> mixed = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            ObjectNode sj = ScenarioJson.sphere("simulateAll mixed, seed " + s, s % 2 == 0 ? "full" : "causal", "softmax", 4, 48, 3, 50 + s, 300, 100);
            sj.putObject("solver").put("method", "euler-postln").put("step", 0.01);
            mixed.add(sj);
        }
        ClaimReport r = report();
        List<ClaimContext.Run> runs = new ClaimContext(false, tmp, r).simulateAll(mixed);
        JsonNode recorded = r.toJson().get("scenarios");
        for (int k = 0; k < runs.size(); k++) {
            assertEquals(k % 2 == 0 ? "symmetric" : "simd", recorded.get(k).get("solver").get("field").asText(), "run " + k);
        }
        for (int k = 0; k < runs.size(); k++) {
            Scenario s = ScenarioReader.parse(recorded.get(k).toString(), "recorded run " + k).scenario();
            TrajectoryRecorder rec = new TrajectoryRecorder(s.tokens(), s.dimension());
            ScenarioRunner.run(s, rec);
            for (int f = 0; f < rec.trajectory().frameCount(); f++) {
                assertArrayEquals(rec.trajectory().frames()[f], runs.get(k).trajectory().frames()[f], "run " + k + ", frame " + f);
            }
        }
    }

    /** Too little work for the SIMD field: the group stays auto (scalar, run by run), each run alone. */
    @Test
    void aSmallGroupRunsAloneAsSimulateWould(@TempDir Path tmp) {
        ClaimReport r = report();
        List<ClaimContext.Run> runs = new ClaimContext(false, tmp, r).simulateAll(list(2, 2, 0.1));
        assertEachAsRecordedAlone(r, runs, "auto");
        ClaimReport one = report();
        ClaimContext.Run single = new ClaimContext(false, tmp, one).simulate(list(2, 2, 0.1).get(3));
        assertArrayEquals(runs.get(3).last(), single.last(), "simulate and simulateAll agree");
        assertEquals(one.toJson().get("scenarios").get(0), r.toJson().get("scenarios").get(3));
    }

    /** A member whose scores overflow: the call fails with its breakdown, as simulate of that scenario does. */
    @Test
    void aBreakdownInAnEnsembleFailsTheCallAsSimulateWould(@TempDir Path tmp) {
        List<ObjectNode> list = new ArrayList<>();
        for (double v : new double[] {-0.5, 8, 1}) {
            ObjectNode sj = ScenarioJson.euclidean("simulateAll breakdown, V = " + v, v == 8 ? 4 : 1, 5, 2, 3, 1, 60, 5);
            ((ObjectNode) sj.get("model")).putObject("V").put("scaled_identity", v);
            sj.putObject("solver").put("method", "euler-postln").put("step", 0.01).put("field", "simd");
            list.add(sj);
        }
        ArithmeticException alone = assertThrows(ArithmeticException.class, () -> new ClaimContext(false, tmp, report()).simulate(list.get(1)));
        ClaimReport r = report();
        ArithmeticException together = assertThrows(ArithmeticException.class, () -> new ClaimContext(false, tmp, r).simulateAll(list));
        assertEquals(alone.getMessage(), together.getMessage());
        assertEquals(3, r.toJson().get("scenarios").size());
    }
}
