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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
        return startingAt(s, x, null, grid);
    }

    /**
     * The same run started from the directions {@code x} (row-major) and, for a scheme that carries them, the radii
     * {@code radii} (both taken as the exact decimals the doubles hold; null radii: the scenario's own).
     */
    static Scenario startingAt(Scenario s, double[] x, double[] radii, TimeGrid grid) {
        return startingAt(s, x, radii, grid, 0);
    }

    /**
     * {@link #startingAt(Scenario, double[], double[], TimeGrid)} for a restart at the model's time t0: the model as
     * the restarted run sees it ({@link AttentionModel#startingAt}: schedule, Mix-LN's τ, ln-scaling's clock).
     */
    static Scenario startingAt(Scenario s, double[] x, double[] radii, TimeGrid grid, double t0) {
        if (t0 != 0) s = withModel(s, s.model().startingAt(t0));
        DecimalMatrix points = DecimalMatrix.ofDoubles(s.tokens(), s.dimension(), x);
        InitialCondition start = InitialCondition.of(points);
        if (s.model().carriesRadius()) {
            List<BigDecimal> r = new ArrayList<>();
            for (int i = 0; i < s.tokens(); i++) r.add(radii != null ? new BigDecimal(radii[i]) : s.initial().radius().get(i));
            start = start.withRadius(r);
        }
        return new Scenario(s.model(), start, grid, s.solver());
    }

    /** The same run with another attention mask. */
    static Scenario withMask(Scenario s, Mask mask) {
        return withModel(s, s.model().withMask(mask));
    }

    /** The same run with another model (of the same d). */
    static Scenario withModel(Scenario s, AttentionModel model) {
        return new Scenario(model, s.initial(), s.time(), s.solver());
    }
}
