package org.attnflow.verify;

/**
 * The deviation of one frame from the reference, over its tokens: the largest and the mean
 * {@link TokenDistance}, and the token where the largest occurs (0-based; the first such token on ties).
 */
public record FrameDeviation(double max, double mean, int worstToken) {

    /** The deviation of {@code x} from the reference {@code y}, both row-major n×d. */
    public static FrameDeviation between(double[] x, double[] y, int d, TokenDistance metric) {
        return between(x, null, y, null, d, metric);
    }

    /**
     * The deviation of the tokens {@code x} with radii {@code rx} from the reference's {@code y}, {@code ry}: per
     * token the larger of the {@link TokenDistance} of the directions and {@link TokenDistance#radial} of the radii
     * (radii null: directions alone, as for schemes without radius).
     */
    public static FrameDeviation between(double[] x, double[] rx, double[] y, double[] ry, int d, TokenDistance metric) {
        int n = x.length / d;
        double max = -1, sum = 0;
        int worst = 0;
        for (int i = 0; i < n; i++) {
            double e = metric.between(x, y, i, d);
            if (rx != null && ry != null) e = Math.max(e, TokenDistance.radial(rx[i], ry[i]));
            if (Double.isNaN(e)) return new FrameDeviation(Double.NaN, Double.NaN, i);
            sum += e;
            if (e > max) {
                max = e;
                worst = i;
            }
        }
        return new FrameDeviation(max, sum / n, worst);
    }
}
