package org.attnflow.analysis;

import org.attnflow.field.Tokens;

/**
 * Angles between tokens: the geodesic distance on the sphere that Rényi centres and cluster radii are stated in.
 *
 * <p>The angle itself is {@link Tokens#angle} (Kahan's atan2 form, accurate at every angle), the one geodesic
 * distance of the project, which {@code verify} and {@code validate} measure with too.
 */
public final class Geodesic {
    private Geodesic() {}

    /** The angle in [0, π] between token i of {@code x} and token j of {@code y} (row-major, dimension d). */
    public static double angle(double[] x, int i, double[] y, int j, int d) { return Tokens.angle(x, i, y, j, d); }

    /** The angle between tokens i and j of one state. */
    public static double angle(double[] x, int i, int j, int d) { return angle(x, i, x, j, d); }

    /** The angle θ with cos θ = {@code innerProduct}: turns the papers' inner-product thresholds into radii. */
    public static double angleOfInnerProduct(double innerProduct) {
        return Math.acos(Math.max(-1, Math.min(1, innerProduct)));
    }
}
