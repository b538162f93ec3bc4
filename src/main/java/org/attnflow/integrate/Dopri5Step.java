package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.model.Method;

/**
 * Dormand–Prince 5(4) with its step held fixed: the 5th-order solution of one step, no error control, then the
 * retraction to the sphere. Used to measure the tableau's order (5) independently of the step-size controller.
 */
final class Dopri5Step implements FixedStepMethod {
    private final StateSpace space;
    private final Dopri5Stages stages;
    private final double[] base;

    Dopri5Step(AttentionField field) {
        this.space = new StateSpace(field);
        this.stages = new Dopri5Stages(field, space.size());
        this.base = new double[space.size()];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        System.arraycopy(x, 0, base, 0, base.length); // out may be x
        stages.start(base);
        stages.advance(base, h, out);
        space.retract(out);
    }

    @Override
    public Method method() { return Method.DOPRI5; }

    @Override
    public int evaluationsPerStep() { return 6; }
}
