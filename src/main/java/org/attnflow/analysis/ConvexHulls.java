package org.attnflow.analysis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.geometry.euclidean.twod.Vector2D;
import org.hipparchus.geometry.euclidean.twod.hull.ConvexHull2D;
import org.hipparchus.geometry.euclidean.twod.hull.MonotoneChain;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Convex hulls of point clouds in R^d, d ≤ 3 (the z_i of M4, spec/math.md I7/C8). The points' affine span is found
 * first (SVD of the centred cloud), then the hull is built in that span: two extremes on a line, Hipparchus's
 * MonotoneChain in a plane, {@link QuickHull3D} in space.
 */
public final class ConvexHulls {
    /** Singular values below this fraction of the largest count as zero when finding the affine span. */
    public static final double SPAN_TOLERANCE = 1e-10;

    private ConvexHulls() {}

    public static ConvexHull of(double[] x, int d) {
        int n = Clustering.checkShape(x, d);
        if (n == 0) throw new IllegalArgumentException("the convex hull of no points is empty");
        if (d > 3) throw new IllegalArgumentException("convex hulls are implemented for d <= 3, got d = " + d);
        double[] origin = new double[d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) origin[c] += x[i * d + c] / n;
        double[][] centred = new double[Math.max(n, d)][d];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int c = 0; c < d; c++) {
                centred[i][c] = x[i * d + c] - origin[c];
                r += centred[i][c] * centred[i][c];
            }
            scale = Math.max(scale, Math.sqrt(r));
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(centred));
        double[] s = svd.getSingularValues();
        int k = 0;
        for (double v : s) if (v > SPAN_TOLERANCE * s[0]) k++;
        RealMatrix vt = svd.getVT();
        double[] basis = new double[k * d];
        for (int a = 0; a < k; a++) for (int c = 0; c < d; c++) basis[a * d + c] = vt.getEntry(a, c);
        double[][] y = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                double t = 0;
                for (int c = 0; c < d; c++) t += basis[a * d + c] * centred[i][c];
                y[i][a] = t;
            }
        }
        return switch (k) {
            case 0 -> new ConvexHull(d, 0, new int[] {0}, 0, origin, basis, new double[0][], new double[0], scale);
            case 1 -> segment(d, y, origin, basis, scale);
            case 2 -> polygon(d, y, origin, basis, scale);
            default -> polyhedron(d, y, origin, basis, scale);
        };
    }

    private static ConvexHull segment(int d, double[][] y, double[] origin, double[] basis, double scale) {
        int lo = 0, hi = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i][0] < y[lo][0]) lo = i;
            if (y[i][0] > y[hi][0]) hi = i;
        }
        double[][] normals = {{-1}, {1}};
        double[] offsets = {-y[lo][0], y[hi][0]};
        return new ConvexHull(d, 1, new int[] {Math.min(lo, hi), Math.max(lo, hi)}, y[hi][0] - y[lo][0], origin, basis, normals, offsets, scale);
    }

    private static ConvexHull polygon(int d, double[][] y, double[] origin, double[] basis, double scale) {
        Map<Vector2D, Integer> index = new IdentityHashMap<>();
        List<Vector2D> pts = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            Vector2D v = new Vector2D(y[i][0], y[i][1]);
            index.put(v, i);
            pts.add(v);
        }
        // Collinear boundary points are not vertices (they are not extreme), hence includeCollinearPoints = false.
        ConvexHull2D hull = new MonotoneChain(false, 1e-12 * Math.max(scale, Double.MIN_NORMAL)).generate(pts);
        Vector2D[] v = hull.getVertices(); // counter-clockwise
        int m = v.length;
        int[] vertices = new int[m];
        double area = 0;
        double[][] normals = new double[m][];
        double[] offsets = new double[m];
        for (int a = 0; a < m; a++) {
            Vector2D p = v[a], q = v[(a + 1) % m];
            vertices[a] = index.get(p);
            area += p.getX() * q.getY() - q.getX() * p.getY();
            double nx = q.getY() - p.getY(), ny = p.getX() - q.getX(); // outward for a counter-clockwise polygon
            double len = Math.hypot(nx, ny);
            normals[a] = new double[] {nx / len, ny / len};
            offsets[a] = (nx * p.getX() + ny * p.getY()) / len;
        }
        java.util.Arrays.sort(vertices);
        return new ConvexHull(d, 2, vertices, Math.abs(area) / 2, origin, basis, normals, offsets, scale);
    }

    private static ConvexHull polyhedron(int d, double[][] y, double[] origin, double[] basis, double scale) {
        QuickHull3D q = new QuickHull3D(y, scale);
        return new ConvexHull(d, 3, q.extremeVertices(), q.volume(), origin, basis, q.normals(), q.offsets(), scale);
    }
}
