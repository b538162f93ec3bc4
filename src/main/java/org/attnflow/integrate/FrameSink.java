package org.attnflow.integrate;


/**
 * Receives the frames of a run, whichever arithmetic computed them. Double-precision runs call
 * {@link #frame(int, double, double[])} only; arbitrary-precision runs call {@link #exactFrame}, whose default
 * hands the nearest doubles to {@code frame}, so that a sink that only needs doubles (analysis, plots) works
 * unchanged and one that can keep every digit (CSV output) overrides it.
 */
public interface FrameSink extends FrameHandler {

    /**
     * A frame carried at more than double precision.
     *
     * @param x              the nearest doubles, row-major n×d
     * @param radius         the nearest doubles of the n radii, or null when the scheme carries none
     * @param time           the frame's time as an exact decimal
     * @param decimals       every digit the run carries, row i = token i
     * @param radiusDecimals every digit of the n radii, or null
     * @param errorEstimate  the solver's estimate of max_{i,c} |x_ic − exact_ic| for this frame
     */
    default void exactFrame(int index, double t, double[] x, double[] radius, String time, String[][] decimals, String[] radiusDecimals,
                            double errorEstimate) {
        frame(index, t, x, radius);
    }
}
