package org.attnflow.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each claim's criterion can say "violated": fed observations that contradict the claim (constructed here, not
 * simulated), it must not answer holds or inconclusive; fed agreeing ones it must answer holds, and a run that
 * is still moving stays inconclusive.
 */
class ViolationCriteriaTest {

    @Test
    void oneViolatedRunMakesTheClaimViolated() {
        assertEquals(Verdict.VIOLATED, Verdict.combine(List.of(Verdict.HOLDS, Verdict.VIOLATED, Verdict.INCONCLUSIVE)));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.combine(List.of(Verdict.HOLDS, Verdict.INCONCLUSIVE)));
        assertEquals(Verdict.HOLDS, Verdict.combine(List.of(Verdict.HOLDS, Verdict.HOLDS)));
    }

    @Test
    void c5StalledOrGrowingDiameterIsViolated() {
        // diameter e^{-t/2}: every window rate 0.5
        assertEquals(Verdict.HOLDS, C5HemisphereExponential.decayVerdict(0.5, 0));
        // algebraic 1/t seen at t ~ 200: window rate ~ 1/t = 0.005, below the stall rate
        assertEquals(Verdict.VIOLATED, C5HemisphereExponential.decayVerdict(1.0 / 200, 0));
        // a diameter that grows by 1e-3 between frames while resolved
        assertEquals(Verdict.VIOLATED, C5HemisphereExponential.decayVerdict(0.5, 1e-3));
        // slow but not stalled: neither
        assertEquals(Verdict.INCONCLUSIVE, C5HemisphereExponential.decayVerdict(0.05, 0));
    }

    @Test
    void c6PersistentCountOutsideTheBandIsViolated() {
        // 271 frames t = 0, 0.1, ..., 27.0 plus the window's own count: the fraction comes from the frames in [3, 30]
        double[] t = new double[301];
        int[] count = new int[301];
        for (int k = 0; k < t.length; k++) {
            t[k] = k * 0.1;
            count[k] = t[k] < 10 ? 6 : 5;
        }
        int[] mode = C6Metastability.modalCount(t, count, 3, 30);
        assertEquals(5, mode[0]);
        assertEquals(271, mode[2], "frames with t in [3, 30]");
        double held = (double) mode[1] / mode[2];
        assertEquals(Verdict.VIOLATED, C6Metastability.bandVerdict(mode[0], 2, held), "5 clusters persist where the paper has about 2");
        assertEquals(Verdict.HOLDS, C6Metastability.bandVerdict(3, 2, held));
        assertEquals(Verdict.INCONCLUSIVE, C6Metastability.bandVerdict(5, 2, 0.3), "no count persists");
    }

    @Test
    void c7RestingNonBooleanOrRankThreeLimitIsViolated() {
        assertEquals(Verdict.HOLDS, C7BooleanAttention.booleanVerdict(1e-9, 2, 1e-12));
        assertEquals(Verdict.VIOLATED, C7BooleanAttention.booleanVerdict(1e-9, 3, 1e-12), "rank-3 limit at rest");
        assertEquals(Verdict.VIOLATED, C7BooleanAttention.booleanVerdict(0.2, 2, 1e-12), "P rests far from any Boolean form");
        assertEquals(Verdict.INCONCLUSIVE, C7BooleanAttention.booleanVerdict(0.2, 2, 1e-3), "still moving");
    }

    @Test
    void c8AndC11RestingInteriorPointOrBrokenNestingIsViolated() {
        assertEquals(Verdict.HOLDS, C8Polytope.polytopeVerdict(1e-6, 1e-7, 1e-9));
        assertEquals(Verdict.VIOLATED, C8Polytope.polytopeVerdict(0.3, 1e-7, 1e-9), "a limit point at rest inside K");
        assertEquals(Verdict.VIOLATED, C8Polytope.polytopeVerdict(1e-6, 1e-7, 0.05), "a token left the previous hull (I7)");
        assertEquals(Verdict.INCONCLUSIVE, C8Polytope.polytopeVerdict(0.3, 1e-2, 1e-9), "still moving");
    }

    @Test
    void c9RestingLevelsInFourGroupsAreViolated() {
        assertEquals(Verdict.HOLDS, C9Hyperplanes.levelsVerdict(3, 1e-6, 1e-8));
        assertEquals(Verdict.VIOLATED, C9Hyperplanes.levelsVerdict(4, 1e-6, 1e-8));
        assertEquals(Verdict.INCONCLUSIVE, C9Hyperplanes.levelsVerdict(4, 1e-6, 1e-2));
    }

    @Test
    void c10GrowingOrStalledNormIsViolated() {
        int frames = 200;
        double[] decaying = new double[frames], uniform = new double[frames], growing = new double[frames], stalled = new double[frames];
        for (int f = 0; f < frames; f++) {
            double t = 1 + f;
            decaying[f] = 1 / Math.sqrt(t);
            uniform[f] = 0.1 / t;
            growing[f] = f == 150 ? 2 / Math.sqrt(t) : 1 / Math.sqrt(t);
            stalled[f] = f < frames / 2 ? 1 / Math.sqrt(t) : 1 / Math.sqrt(frames / 2.0);
        }
        assertEquals(Verdict.HOLDS, C10Contraction.contractionVerdict(decaying, uniform, -0.5));
        assertEquals(Verdict.VIOLATED, C10Contraction.contractionVerdict(growing, uniform, -0.5), "|x| grew");
        assertEquals(Verdict.VIOLATED, C10Contraction.contractionVerdict(decaying, growing, -0.5), "P moved away from uniform");
        assertEquals(Verdict.VIOLATED, C10Contraction.contractionVerdict(stalled, uniform, 0), "|x| stopped decreasing");
        assertEquals(Verdict.INCONCLUSIVE, C10Contraction.contractionVerdict(decaying, uniform, -2), "decays, not like t^-1/2");
    }
}
