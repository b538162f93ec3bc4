package org.attnflow.verify;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.integrate.FrameHandler;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.model.Geometry;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;

/** Double solvers for the tests: the honest one (as the command line routes a run), and ones that cheat. */
final class DoubleRuns {
    private DoubleRuns() {}

    /** The scenario's own method and settings, in double (what {@code Simulation} does for the command line). */
    static SolverStatistics honest(Scenario s, FrameHandler frames) {
        double[] x0 = s.initial().toDoubleArray();
        if (s.model().geometry() == Geometry.SPHERE) Tokens.normalize(x0, s.dimension());
        return Integrators.create(s.solver(), new ScalarAttentionField(s.model(), s.tokens())).integrate(x0, s.time(), frames);
    }

    /** Runs with other tolerances than the scenario claims. */
    static DoubleSolver withTolerances(double rtol, double atol) {
        return (s, frames) -> {
            SolverSettings o = s.solver();
            return honest(ScenarioVariants.withSolver(s, new SolverSettings(o.method(), o.step(), rtol, atol, null, o.field(), o.threads())), frames);
        };
    }

    /** Runs another method (same step) than the scenario claims. */
    static DoubleSolver withMethod(String method) {
        return (s, frames) -> {
            SolverSettings o = s.solver();
            return honest(ScenarioVariants.withSolver(s, new SolverSettings(method, o.step(), o.rtol(), o.atol(), null, o.field(), o.threads())), frames);
        };
    }

    /** The scenario with another solver section (double precision). */
    static Scenario with(Scenario s, String method, Double step, double rtol, double atol) {
        return ScenarioVariants.withSolver(s, new SolverSettings(method, step, rtol, atol, null, "auto", 1));
    }

    /** The scenario with another time grid: every {@code every} up to {@code end}. */
    static Scenario until(Scenario s, double end, double every) {
        return new Scenario(s.model(), s.initial(), org.attnflow.model.TimeGrid.every(end, every), s.solver());
    }
}
