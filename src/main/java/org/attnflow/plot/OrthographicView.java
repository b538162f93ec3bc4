package org.attnflow.plot;

/**
 * Orthographic projection of S^2 seen from direction v: a point p goes to (⟨p, e_1⟩, ⟨p, e_2⟩) with e_1, e_2, v
 * orthonormal, and is on the near side when ⟨p, v⟩ ≥ 0. On the circle (d = 2) the view is the identity.
 */
public final class OrthographicView {
    private final int d;
    private final double[] v;
    private final double[] e1;
    private final double[] e2;

    private OrthographicView(int d, double[] v, double[] e1, double[] e2) {
        this.d = d;
        this.v = v;
        this.e1 = e1;
        this.e2 = e2;
    }

    /** The plane itself, for d = 2. */
    public static OrthographicView plane() { return new OrthographicView(2, null, new double[] {1, 0}, new double[] {0, 1}); }

    /** The sphere seen from direction {@code from} (any non-zero vector in R^3). */
    public static OrthographicView from(double[] from) {
        double n = Math.sqrt(from[0] * from[0] + from[1] * from[1] + from[2] * from[2]);
        if (!(n > 0)) throw new IllegalArgumentException("view direction must be non-zero");
        double[] v = {from[0] / n, from[1] / n, from[2] / n};
        // e_1: the horizontal direction orthogonal to v (z up), unless v is vertical
        double[] e1 = Math.abs(v[2]) < 0.999 ? new double[] {-v[1], v[0], 0} : new double[] {1, 0, 0};
        double m = Math.sqrt(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]);
        for (int c = 0; c < 3; c++) e1[c] /= m;
        double[] e2 = {v[1] * e1[2] - v[2] * e1[1], v[2] * e1[0] - v[0] * e1[2], v[0] * e1[1] - v[1] * e1[0]};
        return new OrthographicView(3, v, e1, e2);
    }

    /** The default view of the figures: from (1, 0.6, 0.8). */
    public static OrthographicView standard() { return from(new double[] {1, 0.6, 0.8}); }

    /** The view for tokens of dimension d (2: the plane; 3: {@link #standard()}). */
    public static OrthographicView forDimension(int d) {
        if (d == 2) return plane();
        if (d == 3) return standard();
        throw new IllegalArgumentException("token pictures are drawn for d = 2 or 3, got d = " + d);
    }

    public int dimension() { return d; }

    public double x(double[] p, int i) { return dot(e1, p, i); }

    public double y(double[] p, int i) { return dot(e2, p, i); }

    /** Whether token i of p is on the near side (always true in the plane). */
    public boolean near(double[] p, int i) { return v == null || dot(v, p, i) >= 0; }

    private double dot(double[] a, double[] p, int i) {
        double s = 0;
        for (int c = 0; c < d; c++) s += a[c] * p[i * d + c];
        return s;
    }
}
