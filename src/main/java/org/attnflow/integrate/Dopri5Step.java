package org.attnflow.integrate;

import org.attnflow.field.Dynamics;
import org.attnflow.model.Method;

/**
 * Dormand–Prince 5(4) with its step held fixed: the 5th-order solution of one step, no error control, then the
 * retraction to the sphere. Used to measure the tableau's order (5) independently of the step-size controller.
 */
final class Dopri5Step implements FixedStepMethod {
    private final Dynamics dynamics;
    private final StateSpace space;
    private final Dopri5Stages stages;
    private final double[] base;

    Dopri5Step(Dynamics dynamics) {
        this.dynamics = dynamics;
        this.space = new StateSpace(dynamics);
        this.stages = new Dopri5Stages(space.size());
        this.base = new double[space.size()];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        System.arraycopy(x, 0, base, 0, base.length); // out may be x
        stages.use(dynamics.at(t));
        stages.start(t, base);
        stages.advance(t, base, h, out);
        space.retract(out, t + h);
    }

    @Override
    public Method method() { return Method.DOPRI5; }

    @Override
    public int evaluationsPerStep() { return 6; }
}
