package org.attnflow.verify;

import org.attnflow.enclosure.EnclosureFrame;
import org.attnflow.enclosure.interval.Interval;

/**
 * How far a checked token is from the exact solution when all that is known of the solution is a proved box
 * ({@code enclosure}): the smallest and the largest {@link TokenDistance} from the token to any point of the box. The
 * exact solution is in the box, so its distance to the token lies between the two; a verdict that compares the upper
 * bound with the tolerance rests on the proof, not on an estimate.
 *
 * <p>Computed in double from the box's ends widened outward by one ulp (the decimal ends are exact), with the result
 * widened by a few ulps: on the sphere the exact solution is a unit vector and the distance the angle
 * 2·asin(chord/2) from the checked unit direction; in R^d the chord over max(1, ‖y‖), with ‖y‖ taken at its largest
 * (lower bound) and smallest (upper bound) over the box.
 */
final class BoxDistance {
    private BoxDistance() {}

    /** [lower, upper] distance of token i of {@code x} (row-major n×d) from the box of token i, and whether x is inside. */
    record Bounds(double lower, double upper, boolean inside) {}

    static Bounds of(double[] x, EnclosureFrame box, int i, TokenDistance metric) {
        int d = box.dimension();
        double near = 0, far = 0, minNorm = 0, maxNorm = 0;
        boolean inside = true;
        for (int c = 0; c < d; c++) {
            Interval b = box.interval(i, c);
            double lo = Math.nextDown(b.lower().doubleValue()), hi = Math.nextUp(b.upper().doubleValue());
            double v = x[i * d + c];
            double gap = v < lo ? lo - v : v > hi ? v - hi : 0;
            if (gap > 0) inside = false;
            double span = Math.max(Math.abs(v - lo), Math.abs(v - hi));
            near += gap * gap;
            far += span * span;
            double small = lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi));
            double large = Math.max(Math.abs(lo), Math.abs(hi));
            minNorm += small * small;
            maxNorm += large * large;
        }
        near = Math.sqrt(near) * (1 - 4 * Math.ulp(1.0));
        far = Math.sqrt(far) * (1 + 4 * Math.ulp(1.0));
        if (metric == TokenDistance.GEODESIC) {
            return new Bounds(chordToAngle(near) * (1 - 4 * Math.ulp(1.0)), chordToAngle(far) * (1 + 4 * Math.ulp(1.0)), inside);
        }
        return new Bounds(near / Math.max(1, Math.sqrt(maxNorm)), far / Math.max(1, Math.sqrt(minNorm)), inside);
    }

    /** The angle between unit vectors at this chord. */
    private static double chordToAngle(double chord) { return chord >= 2 ? Math.PI : 2 * Math.asin(chord / 2); }

    /**
     * The largest distance between any two points of token i's box (its diagonal, from the exact widths, rounded up),
     * in the metric: how far the midpoint can be from the exact solution, at most.
     */
    static double size(EnclosureFrame box, int i, TokenDistance metric) {
        double sum = 0;
        for (int c = 0; c < box.dimension(); c++) {
            double w = Math.nextUp(box.interval(i, c).width().doubleValue());
            sum += w * w;
        }
        double diagonal = Math.sqrt(sum) * (1 + 4 * Math.ulp(1.0));
        return metric == TokenDistance.GEODESIC ? chordToAngle(diagonal) * (1 + 4 * Math.ulp(1.0)) : diagonal;
    }
}
