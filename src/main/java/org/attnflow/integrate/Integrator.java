package org.attnflow.integrate;

import org.attnflow.model.TimeGrid;

/**
 * Advances a state along a field and reports it at every save time. Implementations are bound to their field
 * and settings at construction; {@link #integrate} may be called again for another start.
 */
public interface Integrator {

    /**
     * Integrates from {@code x0} (at t = 0, already on the manifold) through every time of {@code grid},
     * calling {@code handler} once per frame, frame 0 being x0 itself.
     */
    SolverStatistics integrate(double[] x0, TimeGrid grid, FrameHandler handler);
}
