package org.attnflow.field;

/**
 * Per-token operations on row-major n×d state arrays (token i at {@code [i*d, i*d+d)}). Every operation
 * treats tokens independently and in the same order, which keeps the causal dependency order (I2) intact.
 */
public final class Tokens {
    private Tokens() {}

    /** ⟨a_i, b_i⟩ for token i. */
    public static double dot(double[] a, double[] b, int i, int d) { return dot(a, i, b, i, d); }

    /**
     * ⟨a_i, b_j⟩: token i of a with token j of b, summed from 0 in coordinate order. At d = 2 the same sum unrolled:
     * the circle's ensembles take hundreds of millions of these (retractions, norms, clustered-pair counts), and the
     * JIT runs a loop of two iterations with its full loop overhead (bench/README.md §6, "the circle unrolled").
     */
    public static double dot(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        int oa = i * d, ob = j * d;
        if (d == 2) {
            s += a[oa] * b[ob];
            s += a[oa + 1] * b[ob + 1];
            return s;
        }
        for (int c = 0; c < d; c++) s += a[oa + c] * b[ob + c];
        return s;
    }

    /** ‖x_i‖. */
    public static double norm(double[] x, int i, int d) { return Math.sqrt(dot(x, x, i, d)); }

    /** v_i ← v_i − ⟨x_i, v_i⟩ x_i for every token: the tangent projection at unit x_i. */
    public static void projectTangent(double[] x, double[] v, int d) {
        int n = x.length / d;
        for (int i = 0; i < n; i++) {
            double p = dot(x, v, i, d);
            int o = i * d;
            for (int c = 0; c < d; c++) v[o + c] -= p * x[o + c];
        }
    }

    /** x_i ← x_i / ‖x_i‖ for every token: the retraction to the sphere. */
    public static void normalize(double[] x, int d) { normalize(x, x.length / d, d); }

    /** The first n tokens of x (a state may carry more after them, e.g. radii) onto the unit sphere. */
    public static void normalize(double[] x, int n, int d) {
        for (int i = 0; i < n; i++) {
            double r = norm(x, i, d);
            if (!(r > 0) || !Double.isFinite(r)) throw new ArithmeticException("token " + i + " has norm " + r + " and cannot be normalised");
            int o = i * d;
            if (d == 2) { // the circle unrolled (see dot)
                x[o] /= r;
                x[o + 1] /= r;
            } else {
                for (int c = 0; c < d; c++) x[o + c] /= r;
            }
        }
    }

    /**
     * The geodesic distance (angle in [0, π]) between the directions of token i of {@code x} and token j of
     * {@code y}. Kahan's formula θ = 2·atan2(‖a‖b‖ − b‖a‖‖, ‖a‖b‖ + b‖a‖‖) stays accurate at every angle: arccos of
     * an inner product loses half the digits near 0 (where clusters and small errors live), the chord's arcsine
     * loses them near π. The inputs need not be exactly unit: it is the angle between their directions.
     */
    public static double angle(double[] x, int i, double[] y, int j, int d) {
        int oi = i * d, oj = j * d;
        double na = 0, nb = 0;
        for (int c = 0; c < d; c++) {
            na += x[oi + c] * x[oi + c];
            nb += y[oj + c] * y[oj + c];
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        double diff = 0, sum = 0;
        for (int c = 0; c < d; c++) {
            double u = x[oi + c] * nb, v = y[oj + c] * na;
            diff += (u - v) * (u - v);
            sum += (u + v) * (u + v);
        }
        return 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
    }

    /** max_i |‖x_i‖ − 1|: the norm drift of a state on the sphere (I1). */
    public static double maxNormDrift(double[] x, int d) { return maxNormDrift(x, x.length / d, d); }

    /** max_i |‖x_i‖ − 1| over the first n tokens of x. */
    public static double maxNormDrift(double[] x, int n, int d) {
        double m = 0;
        for (int i = 0; i < n; i++) m = Math.max(m, Math.abs(norm(x, i, d) - 1));
        return m;
    }

    /** out = x + h·v (whole arrays). */
    public static void axpy(double[] x, double h, double[] v, double[] out) {
        for (int k = 0; k < x.length; k++) out[k] = x[k] + h * v[k];
    }
}
