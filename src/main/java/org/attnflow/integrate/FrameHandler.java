package org.attnflow.integrate;

/**
 * Receives the state at each requested save time, in order (frame 0 is the initial state). The arrays are the
 * integrator's: copy what must outlive the call.
 */
@FunctionalInterface
public interface FrameHandler {
    /** The n tokens (row-major n×d; on the sphere the directions θ). */
    void frame(int index, double t, double[] x);

    /**
     * The frame of any run: the tokens (directions) and, when the normalisation scheme carries them
     * (spec/math.md §7.2), the n radii; {@code radius} is null otherwise. The integrators call this one; by default it
     * hands the tokens on and drops the radii, so a handler that has no use for radii implements {@link #frame(int, double, double[])}.
     */
    default void frame(int index, double t, double[] x, double[] radius) {
        frame(index, t, x);
    }
}
