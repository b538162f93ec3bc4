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
    void aRunAtRestAwayFromTheLimitIsStuckAndViolates() {
        assertEquals(Verdict.HOLDS, Measures.convergenceVerdict(1e-4, 1e-3, 1e-3), "within reach of the limit, still moving");
        assertEquals(Verdict.VIOLATED, Measures.convergenceVerdict(0.5, 1e-12, 1e-3), "at rest half a radian away");
        assertEquals(Verdict.INCONCLUSIVE, Measures.convergenceVerdict(0.5, 1e-4, 1e-3), "still moving");
        assertEquals(Verdict.INCONCLUSIVE, Measures.convergenceVerdict(5e-3, 1e-12, 1e-3), "at rest, but within AWAY: not a clear counterexample");
        assertTrue(Measures.atRest(Measures.REST_SPEED / 2) && !Measures.atRest(Measures.REST_SPEED));
    }

    @Test
    void c1MovingFirstTokenOrAStationaryNonConsensusIsViolated() {
        List<Verdict> converged = List.of(Verdict.HOLDS, Verdict.HOLDS);
        assertEquals(Verdict.HOLDS, C1CausalConsensus.consensusVerdict(1e-15, converged));
        // under V = I token 1 cannot move (I3): a drift of 1e-6 rad is a broken solver or a broken claim
        assertEquals(Verdict.VIOLATED, C1CausalConsensus.consensusVerdict(1e-6, converged));
        // one run resting with a token 0.8 rad from x_1(0)
        Verdict resting = Measures.convergenceVerdict(0.8, 1e-13, C1CausalConsensus.CONSENSUS);
        assertEquals(Verdict.VIOLATED, C1CausalConsensus.consensusVerdict(0, List.of(Verdict.HOLDS, resting)));
        Verdict moving = Measures.convergenceVerdict(0.8, 1e-5, C1CausalConsensus.CONSENSUS);
        assertEquals(Verdict.INCONCLUSIVE, C1CausalConsensus.consensusVerdict(0, List.of(Verdict.HOLDS, moving)));
    }

    @Test
    void c2ARestingStateUnlikeTheAtlasIsViolated() {
        // double top eigenvalue: one cluster in span(e1, e2) predicted; two clusters at rest contradict it
        assertTrue(C2ValueSpectrum.asPredicted(0, 1, 1e-6, 0));
        assertFalse(C2ValueSpectrum.asPredicted(0, 2, 1e-6, 0));
        assertFalse(C2ValueSpectrum.asPredicted(0, 1, 0.3, 0), "one cluster, but off the top eigenspace");
        // simple: at most two points at ±e1
        assertTrue(C2ValueSpectrum.asPredicted(1, 2, 0.5, 0.99999));
        assertFalse(C2ValueSpectrum.asPredicted(1, 2, 0.5, 0.9));
        // negative: clouds (more than two clusters) around ±e1
        assertTrue(C2ValueSpectrum.asPredicted(2, 7, 0.5, 0.8));
        assertFalse(C2ValueSpectrum.asPredicted(2, 2, 0.5, 0.8), "two points, not clouds");
        assertEquals(Verdict.VIOLATED, C2ValueSpectrum.caseVerdict(false, 1e-12));
        assertEquals(Verdict.INCONCLUSIVE, C2ValueSpectrum.caseVerdict(false, 1e-6), "metastable: still moving");
        assertEquals(Verdict.HOLDS, C2ValueSpectrum.caseVerdict(true, 1e-6));
    }

    @Test
    void c3StrongCountsFarFromTheoryAreViolated() {
        double delta = 0.5;
        assertEquals(Verdict.HOLDS, C3RenyiParking.parkingVerdict(0.4, -1.1, 0.005, 0.02, true, 0.01, delta));
        assertEquals(Verdict.VIOLATED, C3RenyiParking.parkingVerdict(7.5, -1.1, 0.005, 0.02, true, 0.01, delta), "6.3 strong centres expected, far more counted");
        assertEquals(Verdict.VIOLATED, C3RenyiParking.parkingVerdict(0.4, -6, 0.005, 0.02, false, 0, delta), "the S^2 count contradicts 1/sigma");
        assertEquals(Verdict.INCONCLUSIVE, C3RenyiParking.parkingVerdict(0.4, -1.1, 0.005, 0.02, true, 0.2, delta), "a strong centre moved 0.4 delta");
        assertEquals(Verdict.HOLDS, C3RenyiParking.parkingVerdict(0.4, -1.1, 0.005, 0.02, false, 0.2, delta), "the lemma untested (quick): counts decide");
        assertEquals(Verdict.INCONCLUSIVE, C3RenyiParking.parkingVerdict(4, -1.1, 0.005, 0.02, true, 0.01, delta), "between 3 and 5 sigma");
    }

    @Test
    void c4SeveralClustersAtRestAreViolated() {
        Verdict onePoint = Measures.convergenceVerdict(1e-5, 1e-9, C4FullAttentionConsensus.ONE_POINT);
        Verdict twoClustersAtRest = Measures.convergenceVerdict(Math.PI, 1e-14, C4FullAttentionConsensus.ONE_POINT);
        Verdict stillMoving = Measures.convergenceVerdict(0.3, 1e-4, C4FullAttentionConsensus.ONE_POINT);
        assertEquals(Verdict.HOLDS, onePoint);
        assertEquals(Verdict.VIOLATED, Verdict.combine(List.of(onePoint, twoClustersAtRest, stillMoving)), "two antipodal clusters at rest: a counterexample");
        assertEquals(Verdict.INCONCLUSIVE, Verdict.combine(List.of(onePoint, stillMoving)));
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

    @Test
    void c12AnInitialSpeedOffItsPredictionIsViolated() {
        assertEquals(Verdict.HOLDS, C12InitialSpeed.speedVerdict(5e-4));
        assertEquals(Verdict.INCONCLUSIVE, C12InitialSpeed.speedVerdict(5e-3));
        assertEquals(Verdict.VIOLATED, C12InitialSpeed.speedVerdict(0.3), "peri-LN leaving at post-LN's speed (n = 4, beta = 1: 30 % off)");
        assertEquals(Verdict.VIOLATED, C12InitialSpeed.speedVerdict(Double.NaN));
        // the predictions themselves: peri faster than post by (e^b + n - 1)/sqrt(e^2b + n - 1) in [1, sqrt n], pre slower by r0
        double post = C12InitialSpeed.predicted("post", 4, 0, 1, 1), peri = C12InitialSpeed.predicted("peri", 4, 0, 1, 1);
        assertEquals(2.0, peri / post, 1e-15, "beta = 0: the largest factor, sqrt(n)");
        assertEquals(3.0, C12InitialSpeed.predicted("post", 4, 2, 3, 1) / C12InitialSpeed.predicted("pre", 4, 2, 3, 1), 1e-15, "pre slower by r0");
    }

    @Test
    void c13AnExponentOfTheWrongScaleIsViolated() {
        assertEquals(Verdict.HOLDS, C13CollapseSpeed.collapseVerdict(2.01, 2));
        assertEquals(Verdict.INCONCLUSIVE, C13CollapseSpeed.collapseVerdict(2.2, 2));
        // Pre-LN decaying exponentially: its exponent in ln t over [T/2, T] is (rate T/2)/ln 2, far above 2
        assertEquals(Verdict.VIOLATED, C13CollapseSpeed.collapseVerdict(2 * 5000 / Math.log(2), 2));
        // Post-LN decaying like t^-2: its exponent in t over [T/2, T] is 2 ln 2/(T/2), far below 2
        assertEquals(Verdict.VIOLATED, C13CollapseSpeed.collapseVerdict(2 * Math.log(2) / 7.5, 2));
        assertEquals(Verdict.VIOLATED, C13CollapseSpeed.collapseVerdict(-0.5, 2), "a growing variance");
        assertEquals(Verdict.VIOLATED, C13CollapseSpeed.collapseVerdict(2, 1), "nGPT at the rate the paper prints (scale alpha_t)");
    }

    @Test
    void c14ARadiusGrowingSlowerThanTheBoundIsViolated() {
        double bound = 1 / (8 * Math.exp(3));
        assertEquals(Verdict.VIOLATED, C14RadialGrowth.radialVerdict(bound / 2, bound, 2, 0.9, 1), "the bound fails");
        assertEquals(Verdict.VIOLATED, C14RadialGrowth.radialVerdict(-0.1, bound, 1e-4, 1, 1), "a shrinking radius");
        assertEquals(Verdict.HOLDS, C14RadialGrowth.radialVerdict(0.7, bound, 1e-4, 0.999, 1.001));
        assertEquals(Verdict.INCONCLUSIVE, C14RadialGrowth.radialVerdict(0.7, bound, 1e-4, 0.95, 1), "clustered, radial speed not yet 1");
        assertEquals(Verdict.HOLDS, C14RadialGrowth.radialVerdict(0.7, bound, 2.3, 0.93, 0.97), "not clustered: the bound is what it tests");
    }

    @Test
    void c15ARestingStateOfSeveralClustersWithGrowingRadiiIsViolated() {
        assertEquals(Verdict.HOLDS, C15ClusteringByScheme.clusteringVerdict(3e-4, 1e-8, 1));
        assertEquals(Verdict.VIOLATED, C15ClusteringByScheme.clusteringVerdict(2.3, 1e-12, Double.NaN), "post-LN resting in two clusters");
        assertEquals(Verdict.VIOLATED, C15ClusteringByScheme.clusteringVerdict(2.3, 1e-12, 0.8), "pre-LN at rest, radii still growing");
        assertEquals(Verdict.INCONCLUSIVE, C15ClusteringByScheme.clusteringVerdict(2.3, 1e-12, 1e-5), "a stalled radius is the theorem's other outcome");
        assertEquals(Verdict.INCONCLUSIVE, C15ClusteringByScheme.clusteringVerdict(2.3, 1e-6, 0.8), "still moving");
    }
}
