package org.attnflow.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.junit.jupiter.api.Test;

/**
 * Runs of one shape stepped together ({@link Ensembles#execute}) against each run alone ({@link ScenarioRunner#run}
 * of the same scenario): the same frames and statistics bit for bit, or the same breakdown.
 */
class EnsemblesTest {

    static Scenario scenario(String model, String initial, double end, double save, String solver) {
        return ScenarioReader.parse("{ \"model\": {" + model + "}, \"initial\": {" + initial + "}, \"time\": { \"end\": " + end
                + ", \"save_every\": " + save + " }, \"solver\": {" + solver + "} }", "ensemble test").scenario();
    }

    /** Six sphere runs of one shape (n = 12, d = 3) differing in β, mask, Q, K and seed. */
    static List<Scenario> sphereGroup(String solver) {
        List<Scenario> out = new ArrayList<>();
        double[] betas = {0.5, 2, 9};
        for (int k = 0; k < 6; k++) {
            String model = "\"geometry\": \"sphere\", \"mask\": \"" + (k % 2 == 0 ? "full" : "causal") + "\", \"beta\": " + betas[k % 3]
                    + (k == 5 ? ", \"Q\": {\"random\": \"gaussian\", \"seed\": 7, \"rows\": 3, \"scale\": 1}, \"K\": {\"random\": \"gaussian\", \"seed\": 8, \"rows\": 3, \"scale\": 1}" : "");
            out.add(scenario(model, "\"n\": 12, \"d\": 3, \"kind\": \"uniform-sphere\", \"seed\": " + (20 + k), 6, 0.5, solver));
        }
        return out;
    }

    /**
     * Four Euclidean runs of one shape; the third grows like e^{8t} at β = 4: its scores overflow double precision
     * long before T = 60 and it breaks down, while the others contract or drift and go on.
     */
    static List<Scenario> groupWithABreakdown(String solver) {
        List<Scenario> out = new ArrayList<>();
        String[] v = {"{\"scaled_identity\": -0.5}", "\"identity\"", "{\"scaled_identity\": 8}", "{\"scaled_identity\": 0.1}"};
        for (int k = 0; k < v.length; k++) {
            out.add(scenario("\"geometry\": \"euclidean\", \"beta\": " + (k == 2 ? 4 : 1) + ", \"V\": " + v[k],
                    "\"n\": 5, \"d\": 2, \"kind\": \"gaussian\", \"seed\": " + (3 + k), 60, 5, solver));
        }
        return out;
    }

    /** Each member of the ensemble is the run alone, bit for bit (frames, times, statistics), or fails as it does. */
    static int assertEachAsAlone(List<Scenario> group) {
        for (Scenario s : group) assertTrue(Ensembles.batched(s), "every member steps in the ensemble");
        List<Ensembles.Member> together = Ensembles.execute(group, 1);
        int failed = 0;
        for (int member = 0; member < group.size(); member++) {
            int b = member;
            Scenario s = group.get(b);
            TrajectoryRecorder rec = new TrajectoryRecorder(s.tokens(), s.dimension());
            Ensembles.Member m = together.get(b);
            SolverStatistics alone;
            try {
                alone = ScenarioRunner.run(s, rec).statistics();
            } catch (ArithmeticException e) {
                assertTrue(m.failed(), "member " + b + " fails as it does alone: " + e.getMessage());
                assertEquals(e.getMessage(), m.failure().getMessage(), "member " + b);
                assertNull(m.trajectory());
                failed++;
                continue;
            }
            assertFalse(m.failed(), () -> "member " + b + " completes as it does alone, not: " + m.failure());
            Trajectory t = rec.trajectory();
            assertArrayEquals(t.times(), m.trajectory().times(), "member " + b);
            assertEquals(t.frameCount(), m.trajectory().frameCount());
            for (int f = 0; f < t.frameCount(); f++) assertArrayEquals(t.frames()[f], m.trajectory().frames()[f], "member " + b + ", frame " + f);
            assertEquals(alone.steps(), m.statistics().steps(), "member " + b);
            assertEquals(alone.rejectedSteps(), m.statistics().rejectedSteps(), "member " + b);
            assertEquals(alone.evaluations(), m.statistics().evaluations(), "member " + b);
            assertEquals(Double.doubleToLongBits(alone.maxNormDrift()), Double.doubleToLongBits(m.statistics().maxNormDrift()), "member " + b);
        }
        return failed;
    }

    @Test
    void eulerMembersInLockStepMatchEachRunAlone() {
        assertEachAsAlone(sphereGroup("\"method\": \"euler-postln\", \"step\": 0.05, \"field\": \"simd\""));
        assertEachAsAlone(sphereGroup("\"method\": \"euler-projected\", \"step\": 0.05, \"field\": \"simd\""));
    }

    /** The breaking member's scores overflow inside the batched evaluation: it alone stops, with its own failure. */
    @Test
    void oneMemberBreaksDownTheOthersGoOnAsAlone() {
        assertEquals(1, assertEachAsAlone(groupWithABreakdown("\"method\": \"euler-postln\", \"step\": 0.01, \"field\": \"simd\"")));
    }

    /** The symmetric lanes: members with full attention and Q = K, Euler in lock step. */
    @Test
    void symmetricMembersInLanesMatchEachRunAlone() {
        List<Scenario> full = new ArrayList<>();
        for (Scenario s : sphereGroup("\"method\": \"euler-postln\", \"step\": 0.05, \"field\": \"symmetric\"".replace("symmetric", "auto"))) {
            if (s.model().mask() == org.attnflow.model.Mask.FULL && s.model().q().equals(s.model().k())) full.add(withField(s, FieldKind.SYMMETRIC));
        }
        assertEquals(3, full.size());
        assertEachAsAlone(full);
        List<Scenario> breaking = new ArrayList<>();
        for (Scenario s : groupWithABreakdown("\"method\": \"euler-postln\", \"step\": 0.01")) breaking.add(withField(s, FieldKind.SYMMETRIC));
        assertEquals(1, assertEachAsAlone(breaking), "the e^{8t} member breaks down in its lane, alone");
        // the circle (the phase diagrams' shape), S1 taken in the lanes: ten members (a partial second group), β and
        // seeds differing; member 3 has every token at one point and V = −2I, so with h = 1/2 its first step reaches
        // y = 0 exactly and its retraction breaks down, alone, with its own message
        List<Scenario> circle = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            String initial = k == 3 ? "\"n\": 9, \"d\": 2, \"points\": [" + "[1, 0], ".repeat(8) + "[1, 0]]"
                    : "\"n\": 9, \"d\": 2, \"kind\": \"uniform-sphere\", \"seed\": " + (40 + k);
            String model = "\"geometry\": \"sphere\", \"beta\": " + (1 + k) + (k == 3 ? ", \"V\": {\"scaled_identity\": -2}" : "");
            circle.add(scenario(model, initial, 10, 1, "\"method\": \"euler-postln\", \"step\": 0.5, \"field\": \"symmetric\""));
        }
        assertEquals(1, assertEachAsAlone(circle), "member 3's retraction breaks down, alone");
        // steps of 0.3 between saves 1 apart: every frame's last step is shortened to 0.1, in the lanes too
        List<Scenario> shortened = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            shortened.add(scenario("\"geometry\": \"sphere\", \"beta\": " + (2 + k), "\"n\": 7, \"d\": 2, \"kind\": \"uniform-sphere\", \"seed\": " + (60 + k),
                    4, 1, "\"method\": \"euler-postln\", \"step\": 0.3, \"field\": \"symmetric\""));
        }
        assertEquals(0, assertEachAsAlone(shortened));
    }

    private static Scenario withField(Scenario s, FieldKind field) {
        SolverSettings o = s.solver();
        return new Scenario(s.model(), s.initial(), s.time(), new SolverSettings(o.method(), o.step(), o.rtol(), o.atol(), o.digits(), field, o.threads()));
    }

    @Test
    void shapesAndSettling() {
        Scenario euler = sphereGroup("\"method\": \"euler-postln\", \"step\": 0.05").get(0);
        assertNotNull(Ensembles.shape(euler));
        assertEquals(FieldKind.AUTO, Ensembles.settle(euler, 2).solver().field(), "two short runs do not repay the SIMD warm-up");
        assertEquals(FieldKind.SYMMETRIC, Ensembles.settle(euler, 100_000).solver().field(), "a large group of symmetric scores in d = 3 goes in lanes");
        assertEquals(FieldKind.AUTO, Ensembles.settle(euler, 8).solver().field(), "one group's worth of short runs does not repay the Vector API warm-up");
        Scenario causal = sphereGroup("\"method\": \"euler-postln\", \"step\": 0.05").get(1);
        assertEquals(FieldKind.SIMD, Ensembles.settle(causal, 100_000).solver().field(), "a large group of causal runs goes SIMD");
        assertEquals(FieldKind.AUTO, Ensembles.settle(causal, 2).solver().field(), "two short causal runs do not repay the SIMD warm-up");
        assertNull(Ensembles.shape(sphereGroup("\"method\": \"dopri5\", \"field\": \"simd\"").get(0)), "adaptive steps: alone");
        assertNull(Ensembles.shape(sphereGroup("\"method\": \"rk4\", \"step\": 0.05, \"field\": \"simd\"").get(0)), "four evaluations a step: alone");
        assertNull(Ensembles.shape(sphereGroup("\"method\": \"euler-postln\", \"step\": 0.05, \"field\": \"scalar\"").get(0)), "the scalar field runs alone");
        assertNull(Ensembles.shape(sphereGroup("\"method\": \"euler-postln\", \"step\": 0.1, \"digits\": 20").get(0)), "arbitrary precision runs alone");
        List<Scenario> mixed = new ArrayList<>(sphereGroup("\"method\": \"euler-postln\", \"step\": 0.05, \"field\": \"simd\""));
        mixed.add(sphereGroup("\"method\": \"euler-postln\", \"step\": 0.1, \"field\": \"simd\"").get(0));
        assertThrows(IllegalArgumentException.class, () -> Ensembles.execute(mixed, 1), "another step is another shape");
    }
}
