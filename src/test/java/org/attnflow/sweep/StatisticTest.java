package org.attnflow.sweep;

import org.attnflow.integrate.Trajectory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The statistics on constructed configurations on the circle whose answers are known by hand. */
class StatisticTest {

    /** Tokens on the circle at the given angles, one frame per row. */
    private static Trajectory circle(double[][] anglesPerFrame) {
        int n = anglesPerFrame[0].length;
        double[][] frames = new double[anglesPerFrame.length][2 * n];
        double[] times = new double[anglesPerFrame.length];
        for (int f = 0; f < frames.length; f++) {
            times[f] = f;
            for (int i = 0; i < n; i++) {
                frames[f][2 * i] = Math.cos(anglesPerFrame[f][i]);
                frames[f][2 * i + 1] = Math.sin(anglesPerFrame[f][i]);
            }
        }
        return new Trajectory(times, frames, n, 2);
    }

    private static final StatisticSettings PAPERS = StatisticSettings.DEFAULT;

    @Test
    void plantedClustersGiveTheirPairFractionAndCount() {
        // 3 tokens at 0, 2 at π/2, 1 at π: clustered pairs C(3,2) + C(2,2) = 4 of C(6,2) = 15; 3 clusters
        double h = Math.PI / 2;
        Trajectory t = circle(new double[][] {{0, 0, 0, h, h, Math.PI}, {0, 1e-4, -1e-4, h, h + 1e-3, Math.PI}});
        assertArrayEquals(new double[] {4 / 15.0, 4 / 15.0}, Statistic.PAIR_CLUSTERED_FRACTION.series(t, 1, PAPERS), 0);
        assertArrayEquals(new double[] {3, 3}, Statistic.CLUSTER_COUNT.series(t, 1, PAPERS), 0);
        // the papers' radius is arccos(1 − 1e-3) ≈ 0.0447: a gap of 0.05 splits a pair
        Trajectory split = circle(new double[][] {{0, 0.05}, {0, 0.04}});
        assertArrayEquals(new double[] {0, 1}, Statistic.PAIR_CLUSTERED_FRACTION.series(split, 1, PAPERS), 0);
        assertArrayEquals(new double[] {2, 1}, Statistic.CLUSTER_COUNT.series(split, 1, PAPERS), 0);
    }

    /**
     * Pairs whose cosine lies within rounding of the threshold are decided by their angle, with tokens of any length
     * (the statistic divides by both norms): a pair 1e-12 inside the papers' radius is paired, 1e-12 outside is not,
     * however the two tokens are scaled.
     */
    @Test
    void pairsAtTheThresholdAreDecidedByTheirAngleAtAnyLength() {
        double radius = org.attnflow.analysis.Geodesic.angleOfInnerProduct(PAPERS.pairThreshold());
        for (double scale : new double[] {1, 3.7, 1e-3}) {
            for (double[] gapAndPaired : new double[][] {{radius - 1e-12, 1}, {radius + 1e-12, 0}}) {
                Trajectory t = circle(new double[][] {{0.3, 0.3 + gapAndPaired[0]}});
                double[] x = t.frame(0);
                for (int c = 0; c < x.length; c++) x[c] *= c < 2 ? scale : 1 / scale;
                Trajectory scaled = new Trajectory(new double[] {0}, new double[][] {x}, 2, 2);
                assertArrayEquals(new double[] {gapAndPaired[1]}, Statistic.PAIR_CLUSTERED_FRACTION.series(scaled, 1, PAPERS), 0,
                        "gap " + gapAndPaired[0] + ", scale " + scale);
            }
        }
    }

    /**
     * A trajectory whose frames differ in their tokens' lengths (1e-3 to 1e60) and clusters counts each frame as that
     * frame alone: nothing of one frame (its tokens, its norms) is carried into the next.
     */
    @Test
    void everyFrameIsCountedOnItsOwn() {
        double radius = org.attnflow.analysis.Geodesic.angleOfInnerProduct(PAPERS.pairThreshold());
        double[][] angles = {{0, 0, 1, 1, 2}, {0, radius - 1e-12, 1, 2, 3}, {0, radius + 1e-12, 0.5, 0.5, 0.5}, {0, 0, 0, 0, 1}};
        double[] scales = {1, 1e60, 1e-3, 7};
        double[][] frames = new double[angles.length][];
        double[] alone = new double[angles.length];
        for (int f = 0; f < angles.length; f++) {
            double[] x = circle(new double[][] {angles[f]}).frame(0);
            for (int k = 0; k < x.length; k++) x[k] *= scales[f] * (1 + (k / 2) % 3); // token by token: directions kept
            frames[f] = x;
            alone[f] = Statistic.PAIR_CLUSTERED_FRACTION.series(new Trajectory(new double[] {0}, new double[][] {x}, 5, 2), 1, PAPERS)[0];
        }
        assertArrayEquals(new double[] {2 / 10.0, 1 / 10.0, 3 / 10.0, 6 / 10.0}, alone, 0);
        Trajectory all = new Trajectory(new double[] {0, 1, 2, 3}, frames, 5, 2);
        assertArrayEquals(alone, Statistic.PAIR_CLUSTERED_FRACTION.series(all, 1, PAPERS), 0);
    }

    @Test
    void distanceToTheFinalClusterIsTheLargestAngleToTheLargestFinalCluster() {
        // final frame: 3 tokens at 1.0, one straggler at 2.5 (the largest cluster is the one at 1.0)
        Trajectory t = circle(new double[][] {{0, 1, 2, 2.5}, {1, 1, 1, 2.5}});
        double[] d = Statistic.DISTANCE_TO_FINAL_CLUSTER.series(t, 1, PAPERS);
        assertEquals(1.5, d[0], 1e-12);
        assertEquals(1.5, d[1], 1e-12);
        Trajectory merged = circle(new double[][] {{-0.5, 0.3, 0.2}, {0.2, 0.2, 0.2}});
        double[] m = Statistic.DISTANCE_TO_FINAL_CLUSTER.series(merged, 1, PAPERS);
        assertEquals(0.7, m[0], 1e-12);
        assertEquals(0, m[1], 1e-12);
    }

    @Test
    void renyiCountsUseDeltaEqualsCOverRootBeta() {
        // β = 16, c = 4: δ = 1. Tokens at 0, 0.9, 1.7: strong centres {0} (0.9 and 1.7 each have an earlier token
        // within 1); ordinary centres {0, 1.7} (1.7 is 1.7 from the only earlier centre).
        Trajectory t = circle(new double[][] {{0, 0.9, 1.7}});
        assertArrayEquals(new double[] {1}, Statistic.RENYI_STRONG.series(t, 16, PAPERS), 0);
        assertArrayEquals(new double[] {2}, Statistic.RENYI_ORDINARY.series(t, 16, PAPERS), 0);
        // β = 4: δ = 2, every token is within δ of token 0
        assertArrayEquals(new double[] {1}, Statistic.RENYI_ORDINARY.series(t, 4, PAPERS), 0);
        // c = 2 at β = 16: δ = 0.5, all three are strong centres
        assertArrayEquals(new double[] {3}, Statistic.RENYI_STRONG.series(t, 16, new StatisticSettings(PAPERS.pairThreshold(), 2)), 0);
    }

    /**
     * The circle's unrolled pair loop counts what the general loop counts: random clustered circles, and the same points
     * in R^3 with a zero third coordinate (the general loop's sum, the same first two terms then + 0), pair for pair;
     * pairs planted at the threshold's angle ± 1e-12 (the angle decides there) included. The same points 1e60
     * long count the same (the cosine divides by the norms).
     */
    @Test
    void theCircleLoopCountsAsTheGeneralLoop() {
        java.util.Random rnd = new java.util.Random(7);
        double radius = org.attnflow.analysis.Geodesic.angleOfInnerProduct(PAPERS.pairThreshold());
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(40);
            double[] angles = new double[n];
            for (int i = 0; i < n; i++) {
                angles[i] = rnd.nextInt(4) * 1.3 + (rnd.nextBoolean() ? 0.05 * rnd.nextGaussian() : 0);
                if (i > 0 && rnd.nextInt(5) == 0) angles[i] = angles[i - 1] + radius + (rnd.nextBoolean() ? 1e-12 : -1e-12);
            }
            Trajectory c2 = circle(new double[][] {angles});
            double[] x3 = new double[3 * n];
            for (int i = 0; i < n; i++) {
                x3[3 * i] = c2.get(0, i, 0);
                x3[3 * i + 1] = c2.get(0, i, 1);
            }
            Trajectory c3 = new Trajectory(new double[] {0}, new double[][] {x3}, n, 3);
            double count = Statistic.PAIR_CLUSTERED_FRACTION.series(c2, 1, PAPERS)[0];
            assertEquals(Statistic.PAIR_CLUSTERED_FRACTION.series(c3, 1, PAPERS)[0], count, 0, "trial " + trial);
            // tokens 1e60 long: the same count
            double[] far = c2.frame(0);
            for (int k = 0; k < far.length; k++) far[k] *= 1e60;
            Trajectory scaled = new Trajectory(new double[] {0}, new double[][] {far}, n, 2);
            assertEquals(count, Statistic.PAIR_CLUSTERED_FRACTION.series(scaled, 1, PAPERS)[0], 0, "trial " + trial + ", scaled");
        }
    }
}
