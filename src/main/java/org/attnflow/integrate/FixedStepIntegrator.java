package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.field.Dynamics;
import org.attnflow.model.TimeGrid;

/**
 * Steps a {@link FixedStepMethod} with a fixed h and lands exactly on every save time.
 *
 * <p>Between consecutive save times t_a &lt; t_b it follows the {@link StepPlan}: whole steps of exactly h (step
 * times t_a + i·h, formed, not accumulated), then, only when the interval is not a multiple of h, one shortened
 * step that ends at t_b. So a run whose save interval is a multiple of h is the same sequence of
 * identical steps however often it saves, and every step is the same function of the state alone, which is what
 * keeps causal tokens bit-identical (I2). The field's switch times cut the save intervals ({@link StepPlan#stops}):
 * steps end exactly on each and restart from it.
 *
 * <p>Not thread-safe: it owns its state workspace (and its method owns its stages).
 */
public final class FixedStepIntegrator implements Integrator {
    private final FixedStepMethod method;
    private final StateSpace space;
    private final double[] switches;
    private final double h;
    private final double[] x;

    public FixedStepIntegrator(AttentionField field, FixedStepMethod method, double h) {
        this(Dynamics.of(field), method, h);
    }

    public FixedStepIntegrator(Dynamics dynamics, FixedStepMethod method, double h) {
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("solver.step must be > 0, got " + h);
        this.method = method;
        this.space = new StateSpace(dynamics);
        this.switches = dynamics.switchTimes();
        this.h = h;
        this.x = new double[space.size()];
    }

    public double step() { return h; }

    public FixedStepMethod method() { return method; }

    double[] switches() { return switches; }

    StateSpace space() { return space; }

    /** The integrator's own state workspace. */
    double[] state() { return x; }

    /** {@link LockStep} with this one member and no batched evaluation: a breakdown propagates. */
    @Override
    public SolverStatistics integrate(double[] x0, TimeGrid grid, FrameHandler handler) {
        LockStep.Outcome outcome = LockStep.integrate(java.util.List.of(this), java.util.List.of(x0), grid, java.util.List.of(handler), null)[0];
        if (outcome.failed()) throw outcome.failure();
        return outcome.statistics();
    }
}
