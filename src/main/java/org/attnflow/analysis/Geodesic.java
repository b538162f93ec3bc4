package org.attnflow.analysis;

/**
 * Angles between tokens: the geodesic distance on the sphere that Rényi centres and cluster radii are stated in.
 *
 * <p>Uses Kahan's formula θ = 2·atan2(‖a‖b‖ − b‖a‖‖, ‖a‖b‖ + b‖a‖‖), which stays accurate for nearly equal and
 * nearly opposite vectors (arccos of an inner product loses half the digits near 0, exactly where clusters live)
 * and does not require the inputs to be exactly unit.
 */
public final class Geodesic {
    private Geodesic() {}

    /** The angle in [0, π] between token i of {@code x} and token j of {@code y} (row-major, dimension d). */
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

    /** The angle between tokens i and j of one state. */
    public static double angle(double[] x, int i, int j, int d) { return angle(x, i, x, j, d); }

    /** The angle θ with cos θ = {@code innerProduct}: turns the papers' inner-product thresholds into radii. */
    public static double angleOfInnerProduct(double innerProduct) {
        return Math.acos(Math.max(-1, Math.min(1, innerProduct)));
    }
}
