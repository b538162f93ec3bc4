package org.attnflow.verify;

import org.attnflow.integrate.FrameHandler;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.model.Scenario;

/**
 * Runs a scenario with its double-precision method, handing every saved frame to {@code frames}. The command line
 * passes its one routing point ({@code org.attnflow.run.ScenarioRunner}); tests pass a solver that deliberately does
 * something other than what the scenario says, to show that {@code verify} notices.
 */
@FunctionalInterface
public interface DoubleSolver {
    SolverStatistics integrate(Scenario scenario, FrameHandler frames);
}
