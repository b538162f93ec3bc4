package org.attnflow.integrate;

/**
 * Receives the state at each requested save time, in order (frame 0 is the initial state). The array is the
 * integrator's: copy what must outlive the call.
 */
@FunctionalInterface
public interface FrameHandler {
    void frame(int index, double t, double[] x);
}
