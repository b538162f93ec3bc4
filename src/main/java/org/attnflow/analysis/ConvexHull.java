package org.attnflow.analysis;

/**
 * The convex hull of n points in R^d (d ≤ 3), built by {@link ConvexHulls#of}. The points may span a lower-
 * dimensional affine subspace (a collapsed cloud): the hull is then computed inside that subspace, of dimension
 * {@link #affineDimension()}, and {@link #measure()} is its k-volume there (length, area, volume).
 *
 * <p>Membership is tested in the subspace's coordinates y = B(p − o) against the hull's facet half-spaces
 * {y : ⟨a_f, y⟩ ≤ b_f}, plus the distance of p from the subspace.
 */
public final class ConvexHull {
    private final int ambientDimension;
    private final int affineDimension;
    private final int[] vertices;
    private final double measure;
    private final double[] origin;     // o, length d
    private final double[] basis;      // k×d, orthonormal rows
    private final double[][] normals;  // per facet, length k, unit
    private final double[] offsets;    // per facet
    private final double scale;        // largest distance of a point from o: the size tolerances are relative to

    ConvexHull(int ambientDimension, int affineDimension, int[] vertices, double measure, double[] origin, double[] basis,
               double[][] normals, double[] offsets, double scale) {
        this.ambientDimension = ambientDimension;
        this.affineDimension = affineDimension;
        this.vertices = vertices;
        this.measure = measure;
        this.origin = origin;
        this.basis = basis;
        this.normals = normals;
        this.offsets = offsets;
        this.scale = scale;
    }

    public int ambientDimension() { return ambientDimension; }

    /** Dimension k of the affine span of the points (0 for a single point). */
    public int affineDimension() { return affineDimension; }

    /** Indices of the extreme points (the hull's vertices), ascending; coincident points give one index. */
    public int[] vertices() { return vertices.clone(); }

    /** k-dimensional volume of the hull in its affine span. */
    public double measure() { return measure; }

    /** Number of facets of the hull in its affine span. */
    public int facets() { return normals.length; }

    /**
     * Whether point p (length d) lies in the hull up to {@code relTol} times the hull's size (distance from the
     * affine span and signed distance to every facet).
     */
    public boolean contains(double[] p, double relTol) {
        double tol = relTol * Math.max(scale, Double.MIN_NORMAL);
        int d = ambientDimension, k = affineDimension;
        double[] y = new double[k];
        double residual = 0;
        double[] r = new double[d];
        for (int c = 0; c < d; c++) r[c] = p[c] - origin[c];
        for (int a = 0; a < k; a++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += basis[a * d + c] * r[c];
            y[a] = s;
        }
        for (int c = 0; c < d; c++) {
            double s = r[c];
            for (int a = 0; a < k; a++) s -= y[a] * basis[a * d + c];
            residual += s * s;
        }
        if (Math.sqrt(residual) > tol) return false;
        for (int f = 0; f < normals.length; f++) {
            double s = -offsets[f];
            for (int a = 0; a < k; a++) s += normals[f][a] * y[a];
            if (s > tol) return false;
        }
        return true;
    }

    /**
     * Distance from p to the hull's boundary within its affine span, min_f (b_f − ⟨a_f, y⟩): positive inside, zero
     * on the boundary, negative outside (then minus the largest facet violation). For a point inside a convex
     * hull this is exactly its distance to the boundary.
     */
    public double depth(double[] p) {
        int d = ambientDimension, k = affineDimension;
        double[] y = new double[k];
        for (int a = 0; a < k; a++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += basis[a * d + c] * (p[c] - origin[c]);
            y[a] = s;
        }
        double m = Double.POSITIVE_INFINITY;
        for (int f = 0; f < normals.length; f++) {
            double s = offsets[f];
            for (int a = 0; a < k; a++) s -= normals[f][a] * y[a];
            m = Math.min(m, s);
        }
        return normals.length == 0 ? 0 : m;
    }

    /** Size of the point cloud: the largest distance of a point from the cloud's mean. */
    public double scale() { return scale; }

    /** Whether every point of {@code x} (row-major, n×d) lies in this hull: the test of I7 between two times. */
    public boolean containsAll(double[] x, double relTol) {
        int d = ambientDimension;
        double[] p = new double[d];
        for (int i = 0; i < x.length / d; i++) {
            System.arraycopy(x, i * d, p, 0, d);
            if (!contains(p, relTol)) return false;
        }
        return true;
    }
}
