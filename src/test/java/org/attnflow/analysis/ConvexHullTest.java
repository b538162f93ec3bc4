package org.attnflow.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ConvexHullTest {

    @Test
    void squareWithInteriorAndEdgePoints() {
        double[] x = {0, 0, 2, 0, 2, 2, 0, 2, 1, 0, 1, 1, 0.5, 1.5, 2, 1};
        ConvexHull h = ConvexHulls.of(x, 2);
        assertEquals(2, h.affineDimension());
        assertArrayEquals(new int[] {0, 1, 2, 3}, h.vertices());
        assertEquals(4, h.measure(), 1e-14);
        assertTrue(h.contains(new double[] {1.9, 0.1}, 1e-12));
        assertFalse(h.contains(new double[] {2.01, 1}, 1e-12));
    }

    @Test
    void cubeWithFaceCentresEdgeMidpointsAndInteriorPoints() {
        List<double[]> pts = new ArrayList<>();
        for (int a = 0; a <= 2; a++) for (int b = 0; b <= 2; b++) for (int c = 0; c <= 2; c++) pts.add(new double[] {a / 2.0, b / 2.0, c / 2.0});
        Random rng = new Random(4);
        for (int i = 0; i < 30; i++) pts.add(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
        double[] x = flatten(pts, 3);
        ConvexHull h = ConvexHulls.of(x, 3);
        assertEquals(3, h.affineDimension());
        // the corners are the points with every coordinate in {0, 1}: grid indices with a, b, c ∈ {0, 2}
        int[] corners = {0, 2, 6, 8, 18, 20, 24, 26};
        assertArrayEquals(corners, h.vertices());
        assertEquals(1, h.measure(), 1e-13);
        assertTrue(h.containsAll(x, 1e-12));
    }

    @Test
    void octahedronVolume() {
        double[] x = {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0};
        ConvexHull h = ConvexHulls.of(x, 3);
        assertEquals(4.0 / 3, h.measure(), 1e-14);
        assertEquals(6, h.vertices().length);
        assertEquals(8, h.facets());
    }

    @Test
    void randomCloudVerticesAreExactlyTheExtremePoints() {
        Random rng = new Random(9);
        int n = 60;
        double[] x = new double[3 * n];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        ConvexHull h = ConvexHulls.of(x, 3);
        int[] v = h.vertices();
        assertTrue(h.containsAll(x, 1e-12));
        for (int i = 0; i < n; i++) {
            boolean vertex = Arrays.binarySearch(v, i) >= 0;
            double[] others = new double[3 * (n - 1)];
            for (int j = 0, k = 0; j < n; j++) if (j != i) System.arraycopy(x, 3 * j, others, 3 * k++, 3);
            boolean inOthers = ConvexHulls.of(others, 3).contains(Arrays.copyOfRange(x, 3 * i, 3 * i + 3), 1e-12);
            assertEquals(!vertex, inOthers, "point " + i + (vertex ? " is reported a vertex" : " is reported interior"));
        }
    }

    @Test
    void degenerateCloudsUseTheirAffineSpan() {
        // collinear in R^3
        double[] line = {0, 0, 0, 1, 1, 1, 0.5, 0.5, 0.5, 3, 3, 3};
        ConvexHull l = ConvexHulls.of(line, 3);
        assertEquals(1, l.affineDimension());
        assertArrayEquals(new int[] {0, 3}, l.vertices());
        assertEquals(3 * Math.sqrt(3), l.measure(), 1e-13);
        assertFalse(l.contains(new double[] {1, 1, 1.1}, 1e-9));
        // coplanar in R^3: a unit right triangle in the plane z = x
        double[] tri = {0, 0, 0, 1, 0, 1, 0, 1, 0, 0.2, 0.2, 0.2};
        ConvexHull t = ConvexHulls.of(tri, 3);
        assertEquals(2, t.affineDimension());
        assertArrayEquals(new int[] {0, 1, 2}, t.vertices());
        assertEquals(Math.sqrt(2) / 2, t.measure(), 1e-14);
        // one point
        assertEquals(0, ConvexHulls.of(new double[] {1, 2, 1, 2}, 2).affineDimension());
    }

    private static double[] flatten(List<double[]> pts, int d) {
        double[] x = new double[pts.size() * d];
        for (int i = 0; i < pts.size(); i++) System.arraycopy(pts.get(i), 0, x, i * d, d);
        return x;
    }
}
