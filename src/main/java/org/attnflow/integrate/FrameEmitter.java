package org.attnflow.integrate;

/**
 * Hands frames to the caller's {@link FrameHandler} in order and measures the norm drift of what was handed over
 * (the I1 figure of {@link SolverStatistics}): the drift of the saved frames, as the user receives them. A state
 * with radii is handed over as its directions and its radii ({@link FrameHandler#frame(int, double, double[], double[])}).
 */
final class FrameEmitter {
    private final FrameHandler handler;
    private final StateSpace space;
    private final double[] directions;
    private final double[] radii;
    private int index;
    private double maxNormDrift;

    FrameEmitter(FrameHandler handler, StateSpace space) {
        this.handler = handler;
        this.space = space;
        int nd = space.tokens() * space.dimension();
        this.directions = space.carriesRadius() ? new double[nd] : null;
        this.radii = space.carriesRadius() ? new double[space.tokens()] : null;
    }

    void emit(double t, double[] y) {
        maxNormDrift = Math.max(maxNormDrift, space.normDrift(y));
        if (radii == null) {
            handler.frame(index++, t, y, null);
            return;
        }
        System.arraycopy(y, 0, directions, 0, directions.length);
        System.arraycopy(y, directions.length, radii, 0, radii.length);
        handler.frame(index++, t, directions, radii);
    }

    /** Frames emitted so far. */
    int count() { return index; }

    double maxNormDrift() { return maxNormDrift; }
}
