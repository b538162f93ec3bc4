package org.attnflow.verify;

import org.attnflow.integrate.FrameHandler;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.run.ScenarioRunner;

/**
 * Double solvers for the tests: the honest one ({@link ScenarioRunner}, as the command line routes a run), and ones that
 * cheat by running another scenario than they were given (still through {@link ScenarioRunner}).
 */
final class DoubleRuns {
    private DoubleRuns() {}

    /** The scenario's own method and settings, in double, through the one routing point (as the command line runs it). */
    static SolverStatistics honest(Scenario s, FrameHandler frames) {
        return ScenarioRunner.run(s, frames).statistics();
    }

    /** Runs with other tolerances than the scenario claims. */
    static DoubleSolver withTolerances(double rtol, double atol) {
        return (s, frames) -> {
            SolverSettings o = s.solver();
            return honest(ScenarioVariants.withSolver(s, new SolverSettings(o.method(), o.step(), rtol, atol, null, o.field(), o.threads())), frames);
        };
    }

    /** Runs with tolerances {@code factor} times looser than it is asked for, whatever it is asked for. */
    static DoubleSolver looserBy(double factor) {
        return (s, frames) -> honest(ScenarioVariants.withTolerances(s, s.solver().rtol() * factor, s.solver().atol() * factor), frames);
    }

    /** Runs another method (same step) than the scenario claims. */
    static DoubleSolver withMethod(Method method) {
        return (s, frames) -> {
            SolverSettings o = s.solver();
            return honest(ScenarioVariants.withSolver(s, new SolverSettings(method, o.step(), o.rtol(), o.atol(), null, o.field(), o.threads())), frames);
        };
    }

    /** The scenario with another solver section (double precision). */
    static Scenario with(Scenario s, Method method, Double step, double rtol, double atol) {
        return ScenarioVariants.withSolver(s, new SolverSettings(method, step, rtol, atol, null, FieldKind.AUTO, 1));
    }

    /** The scenario with another time grid: every {@code every} up to {@code end}. */
    static Scenario until(Scenario s, double end, double every) {
        return new Scenario(s.model(), s.initial(), org.attnflow.model.TimeGrid.every(end, every), s.solver());
    }
}
