package org.attnflow.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ClusteringTest {

    /** k well separated directions on S^2 with m tokens each, jittered by far less than the pair radius. */
    private static double[] planted(int k, int m, int d, long seed, double[] centresOut) {
        Random rng = new Random(seed);
        double[] x = new double[k * m * d];
        for (int c = 0; c < k; c++) {
            double[] centre;
            boolean ok;
            do {
                centre = unit(rng, d);
                ok = true;
                for (int e = 0; e < c; e++) {
                    double dot = 0;
                    for (int a = 0; a < d; a++) dot += centre[a] * centresOut[e * d + a];
                    if (dot > 0.9) ok = false; // keep planted clusters far apart
                }
            } while (!ok);
            System.arraycopy(centre, 0, centresOut, c * d, d);
            for (int t = 0; t < m; t++) {
                // tokens interleaved: cluster membership must not follow index order
                int i = t * k + c;
                double norm = 0;
                for (int a = 0; a < d; a++) {
                    x[i * d + a] = centre[a] + 1e-4 * rng.nextGaussian();
                    norm += x[i * d + a] * x[i * d + a];
                }
                for (int a = 0; a < d; a++) x[i * d + a] /= Math.sqrt(norm);
            }
        }
        return x;
    }

    private static double[] unit(Random rng, int d) {
        double[] u = new double[d];
        double n = 0;
        for (int a = 0; a < d; a++) {
            u[a] = rng.nextGaussian();
            n += u[a] * u[a];
        }
        for (int a = 0; a < d; a++) u[a] /= Math.sqrt(n);
        return u;
    }

    @Test
    void plantedClustersAreFoundWithSizesAndCentres() {
        int k = 5, m = 7, d = 3;
        double[] centres = new double[k * d];
        double[] x = planted(k, m, d, 11, centres);
        ClusterPartition p = Clustering.onSphere(x, d);
        assertEquals(k, p.count());
        for (int s : p.sizes()) assertEquals(m, s);
        int[] labels = p.labels();
        for (int i = 0; i < k * m; i++) assertEquals(labels[i % k], labels[i], "token " + i + " is in its planted cluster");
        for (int c = 0; c < k; c++) {
            double[] found = p.centre(labels[c]);
            double err = 0;
            for (int a = 0; a < d; a++) err = Math.max(err, Math.abs(found[a] - centres[c * d + a]));
            assertTrue(err < 1e-3, "centre " + c + " off by " + err);
        }
        // transitive relation: the papers' Gram rank agrees with union-find
        assertEquals(k, GramRankCount.count(x, d));
    }

    @Test
    void nonTransitiveChainIsOneClusterButGramRankCountsThree() {
        // angles 0, a, 2a with cos a > 1 - 1e-4 > cos 2a: neighbours pair, the ends do not
        double a = 0.011; // 1 - cos a ≈ 6.0e-5, 1 - cos 2a ≈ 2.4e-4
        double[] x = {1, 0, Math.cos(a), Math.sin(a), Math.cos(2 * a), Math.sin(2 * a)};
        assertEquals(1, Clustering.onSphere(x, 2, GramRankCount.PAPER_RANK_THRESHOLD).count());
        // [[1,1,0],[1,1,1],[0,1,1]] has determinant -1: rank 3, not the one cluster there is
        assertEquals(3, GramRankCount.count(x, 2));
    }

    @Test
    void symmetricRankAgreesWithTheSvdRankOnRandomZeroOneMatrices() {
        Random rng = new Random(8);
        for (int trial = 0; trial < 30; trial++) {
            int n = 2 + rng.nextInt(25);
            double[][] g = new double[n][n];
            for (int i = 0; i < n; i++) {
                g[i][i] = 1;
                for (int j = 0; j < i; j++) g[i][j] = g[j][i] = rng.nextDouble() < 0.3 ? 1 : 0;
            }
            if (trial % 3 == 0) g[n - 1] = g[0].clone(); // a repeated row breaks symmetry: keep it symmetric
            if (trial % 3 == 0) for (int i = 0; i < n; i++) g[i][n - 1] = g[n - 1][i];
            assertEquals(NumericalRank.of(g), NumericalRank.ofSymmetric(g), "trial " + trial);
        }
    }

    @Test
    void collinearEuclideanPointsSplitAtTheRadius() {
        double[] x = {0, 0, 0.5, 0, 1.0, 0, 3.0, 0, 3.4, 0, 10, 0};
        ClusterPartition p = Clustering.euclidean(x, 2, 0.6);
        assertEquals(3, p.count());
        assertArrayEquals(new int[] {3, 2, 1}, p.sizes());
        assertArrayEquals(new double[] {0.5, 0}, p.centre(0), 1e-15);
        assertArrayEquals(new double[] {3.2, 0}, p.centre(1), 1e-15);
    }

    @Test
    void geodesicAngleIsAccurateForTinyAndOppositeAngles() {
        double t = 1e-9;
        double[] x = {1, 0, Math.cos(t), Math.sin(t), -1, 1e-12};
        assertEquals(t, Geodesic.angle(x, 0, 1, 2), 1e-21);
        assertEquals(Math.PI - 1e-12, Geodesic.angle(x, 0, 2, 2), 1e-15);
    }

    @Test
    void plateausAreMaximalRunsOfAtLeastTheMinimumDuration() {
        double[] t = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] c = {5, 5, 3, 3, 3, 3, 2, 1};
        var all = Plateaus.find(t, c, 0);
        assertEquals(4, all.size());
        var long1 = Plateaus.find(t, c, 1);
        assertEquals(2, long1.size());
        assertEquals(new Plateau(5, 0, 1, 0, 1), long1.get(0));
        assertEquals(new Plateau(3, 2, 5, 2, 5), long1.get(1));
        assertEquals(3, Plateaus.longest(t, c).count());
    }
}
