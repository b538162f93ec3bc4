package org.attnflow.verify;

import org.attnflow.field.Tokens;
import org.attnflow.model.Geometry;

/**
 * How far one token of a checked trajectory is from the same token of the reference: the one measure both
 * {@code verify} and {@code validate} report, so that their numbers and tolerances mean the same thing.
 *
 * <ul>
 *   <li>On the sphere: the geodesic distance (angle, radians) between the checked token's direction x/‖x‖ and the
 *       reference's token y ({@link Tokens#angle}, accurate at every angle). A checked token off the unit sphere is measured by its direction: its radial error is the
 *       norm drift I1, reported separately.</li>
 *   <li>In R^d: the Euclidean distance scaled by max(1, ‖y‖), i.e. absolute for tokens inside the unit ball and
 *       relative beyond it. M4's tokens grow like e^{tV}, and a tolerance in units of the tokens' own size is what
 *       a double computation can promise (its rounding and rtol are relative).</li>
 *   <li>With radii (the normalisation schemes of spec/math.md §7 that carry them): the larger of the directions'
 *       distance and the radii's {@link #radial} distance |r − r_ref| / max(1, r_ref), the same scaled measure as in
 *       R^d, so that a token x = rθ is measured by both its direction and its length.</li>
 * </ul>
 */
public enum TokenDistance {
    GEODESIC("geodesic distance on the unit sphere (radians)"),
    SCALED_EUCLIDEAN("Euclidean distance divided by max(1, |reference token|)");

    private final String description;

    TokenDistance(String description) {
        this.description = description;
    }

    public static TokenDistance of(Geometry geometry) {
        return geometry == Geometry.SPHERE ? GEODESIC : SCALED_EUCLIDEAN;
    }

    /** One line for reports. */
    public String description() { return description; }

    /** The distance between token i of {@code x} and token i of the reference {@code y} (row-major n×d). */
    public double between(double[] x, double[] y, int i, int d) {
        if (this == GEODESIC) return Tokens.angle(x, i, y, i, d);
        int o = i * d;
        double diff2 = 0, y2 = 0;
        for (int c = 0; c < d; c++) {
            double diff = x[o + c] - y[o + c];
            diff2 += diff * diff;
            y2 += y[o + c] * y[o + c];
        }
        return Math.sqrt(diff2) / Math.max(1, Math.sqrt(y2));
    }

    /** |r − r_ref| / max(1, r_ref): the distance of a radius from the reference's. */
    public static double radial(double r, double reference) {
        return Math.abs(r - reference) / Math.max(1, Math.abs(reference));
    }

    /**
     * An upper bound of this distance for a reference whose every coordinate is off by at most {@code coordinate}
     * (the reference's own error estimate is max_{i,c} |error|): √d·coordinate bounds the Euclidean error of a
     * token, and on the sphere the angle is at most π/2 times the chord, both taken generously as 2√d.
     */
    public static double boundFromCoordinateError(double coordinate, int d) {
        return 2 * Math.sqrt(d) * coordinate;
    }
}
