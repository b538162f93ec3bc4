package org.attnflow.integrate;

/**
 * Hands frames to the caller's {@link FrameHandler} in order and measures the norm drift of what was handed over
 * (the I1 figure of {@link SolverStatistics}): the drift of the saved frames, as the user receives them.
 */
final class FrameEmitter {
    private final FrameHandler handler;
    private final StateSpace space;
    private int index;
    private double maxNormDrift;

    FrameEmitter(FrameHandler handler, StateSpace space) {
        this.handler = handler;
        this.space = space;
    }

    void emit(double t, double[] x) {
        maxNormDrift = Math.max(maxNormDrift, space.normDrift(x));
        handler.frame(index++, t, x);
    }

    /** Frames emitted so far. */
    int count() { return index; }

    double maxNormDrift() { return maxNormDrift; }
}
