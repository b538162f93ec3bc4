package org.attnflow.verify;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.reference.ReferenceSolver;

/**
 * The scenarios the checks derive from a user's scenario: the same model with another solver, start, time grid or
 * mask. The derived scenario is run by the ordinary solvers (double or {@link ReferenceSolver}); nothing here
 * computes.
 */
final class ScenarioVariants {
    private ScenarioVariants() {}

    /** The same run with the double method's fixed step replaced by {@code step}. */
    static Scenario withStep(Scenario s, double step) {
        SolverSettings o = s.solver();
        return withSolver(s, new SolverSettings(o.method(), step, o.rtol(), o.atol(), null, o.field(), o.threads()));
    }

    /** The same run with the double method's tolerances replaced by {@code rtol}, {@code atol}. */
    static Scenario withTolerances(Scenario s, double rtol, double atol) {
        SolverSettings o = s.solver();
        return withSolver(s, new SolverSettings(o.method(), o.step(), rtol, atol, null, o.field(), o.threads()));
    }

    /** The arbitrary-precision reference ODE solution of the same scenario at {@code digits}. */
    static Scenario reference(Scenario s, int digits) {
        return withSolver(s, new SolverSettings(Method.REFERENCE, null, s.solver().rtol(), s.solver().atol(), digits, FieldKind.AUTO, 0));
    }

    /** The fixed-step scheme {@code method} with step h replayed in arbitrary precision at {@code digits}. */
    static Scenario replay(Scenario s, Method method, double step, int digits) {
        return withSolver(s, new SolverSettings(method, step, s.solver().rtol(), s.solver().atol(), digits, FieldKind.AUTO, 0));
    }

    static Scenario withSolver(Scenario s, SolverSettings solver) {
        return new Scenario(s.model(), s.initial(), s.time(), solver);
    }

    /** The same run started from the row-major double state {@code x} (taken as the exact decimals it holds). */
    static Scenario startingAt(Scenario s, double[] x, TimeGrid grid) {
        DecimalMatrix points = DecimalMatrix.ofDoubles(s.tokens(), s.dimension(), x);
        return new Scenario(s.model(), InitialCondition.of(points), grid, s.solver());
    }

    /** The same run with another attention mask. */
    static Scenario withMask(Scenario s, Mask mask) {
        AttentionModel m = s.model();
        AttentionModel masked = new AttentionModel(m.geometry(), mask, m.normalization(), m.beta(), m.q(), m.k(), m.v());
        return new Scenario(masked, s.initial(), s.time(), s.solver());
    }
}
