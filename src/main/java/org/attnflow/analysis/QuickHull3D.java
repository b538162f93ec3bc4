package org.attnflow.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Incremental convex hull of a full-dimensional point set in R^3 (no well-kept 3-D hull library is on Maven
 * Central: Hipparchus has 2-D hulls only). Start from a large tetrahedron, insert each remaining point: the facets
 * it sees (signed distance &gt; ε) are removed and their horizon edges are coned to the point. O(n·F), plenty for
 * the tens to hundreds of tokens of the [GLPR-E] experiments.
 *
 * <p>The triangulation may keep points that lie on a flat facet or an edge; {@link #extremeVertices} keeps only
 * the true extreme points: a hull vertex is extreme exactly when its tangent cone is pointed, i.e. the normals
 * of the triangles around it span R^3.
 */
final class QuickHull3D {
    private static final double NORMAL_RANK_TOLERANCE = 1e-9;

    private final double[][] p;
    private final double eps;
    private final List<Face> faces = new ArrayList<>();
    private final double[] interior = new double[3];

    private static final class Face {
        final int a, b, c;
        final double[] n;
        final double offset;

        Face(double[][] p, int a, int b, int c) {
            this.a = a;
            this.b = b;
            this.c = c;
            double[] u = sub(p[b], p[a]), v = sub(p[c], p[a]);
            double[] w = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
            double len = Math.sqrt(dot(w, w));
            n = new double[] {w[0] / len, w[1] / len, w[2] / len};
            offset = dot(n, p[a]);
        }

        double distance(double[] q) { return dot(n, q) - offset; }
    }

    QuickHull3D(double[][] points, double scale) {
        this.p = points;
        this.eps = 1e-12 * Math.max(scale, Double.MIN_NORMAL);
        int[] t = initialTetrahedron();
        for (int i : t) for (int c = 0; c < 3; c++) interior[c] += p[i][c] / 4;
        addOriented(t[0], t[1], t[2]);
        addOriented(t[0], t[1], t[3]);
        addOriented(t[0], t[2], t[3]);
        addOriented(t[1], t[2], t[3]);
        for (int i = 0; i < p.length; i++) {
            if (i != t[0] && i != t[1] && i != t[2] && i != t[3]) insert(i);
        }
    }

    /** Adds face (a, b, c) with its normal pointing away from the interior point. */
    private void addOriented(int a, int b, int c) {
        Face f = new Face(p, a, b, c);
        faces.add(f.distance(interior) < 0 ? f : new Face(p, a, c, b));
    }

    private void insert(int i) {
        List<Face> visible = new ArrayList<>();
        for (Face f : faces) if (f.distance(p[i]) > eps) visible.add(f);
        if (visible.isEmpty()) return;
        Set<Long> edges = new HashSet<>();
        for (Face f : visible) {
            edges.add(edge(f.a, f.b));
            edges.add(edge(f.b, f.c));
            edges.add(edge(f.c, f.a));
        }
        faces.removeAll(visible);
        for (Face f : visible) {
            int[][] e = {{f.a, f.b}, {f.b, f.c}, {f.c, f.a}};
            // A directed edge whose reverse is not in a visible face is on the horizon; coning it to i with the
            // same direction keeps every face counter-clockwise seen from outside.
            for (int[] ab : e) if (!edges.contains(edge(ab[1], ab[0]))) faces.add(new Face(p, ab[0], ab[1], i));
        }
    }

    private static long edge(int a, int b) { return ((long) a << 32) | (b & 0xffffffffL); }

    private int[] initialTetrahedron() {
        int i0 = 0;
        for (int i = 1; i < p.length; i++) if (p[i][0] < p[i0][0]) i0 = i;
        int i1 = i0;
        double best = -1;
        for (int i = 0; i < p.length; i++) {
            double[] u = sub(p[i], p[i0]);
            if (dot(u, u) > best) {
                best = dot(u, u);
                i1 = i;
            }
        }
        double[] axis = sub(p[i1], p[i0]);
        int i2 = i0;
        best = -1;
        for (int i = 0; i < p.length; i++) {
            double[] w = cross(axis, sub(p[i], p[i0]));
            if (dot(w, w) > best) {
                best = dot(w, w);
                i2 = i;
            }
        }
        double[] normal = cross(axis, sub(p[i2], p[i0]));
        int i3 = i0;
        best = -1;
        for (int i = 0; i < p.length; i++) {
            double h = Math.abs(dot(normal, sub(p[i], p[i0])));
            if (h > best) {
                best = h;
                i3 = i;
            }
        }
        if (i0 == i1 || i2 == i0 || i2 == i1 || i3 == i0 || i3 == i1 || i3 == i2) {
            throw new IllegalArgumentException("points are not full-dimensional in R^3");
        }
        return new int[] {i0, i1, i2, i3};
    }

    /** Extreme points, ascending. */
    int[] extremeVertices() {
        TreeSet<Integer> candidates = new TreeSet<>();
        for (Face f : faces) {
            candidates.add(f.a);
            candidates.add(f.b);
            candidates.add(f.c);
        }
        List<Integer> out = new ArrayList<>();
        for (int v : candidates) {
            List<double[]> ns = new ArrayList<>();
            for (Face f : faces) if (f.a == v || f.b == v || f.c == v) ns.add(f.n);
            if (normalsSpanSpace(ns)) out.add(v);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean normalsSpanSpace(List<double[]> ns) {
        for (int a = 0; a < ns.size(); a++) {
            for (int b = a + 1; b < ns.size(); b++) {
                double[] w = cross(ns.get(a), ns.get(b));
                if (Math.sqrt(dot(w, w)) <= NORMAL_RANK_TOLERANCE) continue;
                for (double[] c : ns) if (Math.abs(dot(w, c)) > NORMAL_RANK_TOLERANCE) return true;
            }
        }
        return false;
    }

    /** Volume by the divergence theorem over the facets, relative to the interior point. */
    double volume() {
        double v = 0;
        for (Face f : faces) {
            double[] a = sub(p[f.a], interior), b = sub(p[f.b], interior), c = sub(p[f.c], interior);
            v += dot(a, cross(b, c)) / 6;
        }
        return Math.abs(v);
    }

    double[][] normals() {
        double[][] n = new double[faces.size()][];
        for (int f = 0; f < n.length; f++) n[f] = faces.get(f).n.clone();
        return n;
    }

    double[] offsets() {
        double[] o = new double[faces.size()];
        for (int f = 0; f < o.length; f++) o[f] = faces.get(f).offset;
        return o;
    }

    private static double[] sub(double[] a, double[] b) { return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
