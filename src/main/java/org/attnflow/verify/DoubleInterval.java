package org.attnflow.verify;

import java.util.function.Function;

import org.attnflow.field.AttentionField;
import org.attnflow.field.Dynamics;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.integrate.FixedStepIntegrator;
import org.attnflow.integrate.Integrator;
import org.attnflow.integrate.Integrators;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Method;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;

/**
 * One frame interval of a double-precision scheme from a given state: the cheap replay that {@code identify} ranks
 * candidates with and {@code validate} diagnoses with (which later tokens a token reads, what another convention
 * would give). The scheme is attnflow's own integrator ({@link Integrators}) on the scalar field, stepping as
 * {@code simulate} does ({@link org.attnflow.integrate.StepPlan}); {@link Method#DOPRI5} stands for the exact flow
 * (at rtol {@value #FLOW_RTOL}). A time-dependent model (schedule, mix, ln-scaling) is restarted at the interval's start
 * ({@link AttentionModel#startingAt}).
 *
 * <p>State layout as {@link Dynamics}: n·d directions (tokens in R^d), then n radii when the scheme carries them.
 * Its error is the double scheme's rounding, ~10^-16 per step: a diagnosis tool far below any float64 tolerance of
 * interest, not the verdict's arithmetic (that is the reference's).
 */
final class DoubleInterval {
    /** rtol of the dopri5 that stands for the exact flow (atol 1e-2 of it). */
    static final double FLOW_RTOL = 1e-12;

    private final AttentionModel model;
    private final int n;
    private final Method method;
    private final double h;
    private final Function<AttentionModel, AttentionField> fields;
    private Integrator integrator; // for a model that does not depend on time
    private Dynamics dynamics;

    /**
     * @param method a fixed-step double method with step h, or {@link Method#DOPRI5} for the exact flow (h ignored)
     * @param fields the field of one schedule piece (null: the scalar field)
     */
    DoubleInterval(AttentionModel model, int n, Method method, double h, Function<AttentionModel, AttentionField> fields) {
        if (!method.runsInDouble()) throw new IllegalArgumentException("method " + method.key() + " does not run in double");
        this.model = model;
        this.n = n;
        this.method = method;
        this.h = h;
        this.fields = fields != null ? fields : m -> new ScalarAttentionField(m, n);
    }

    DoubleInterval(AttentionModel model, int n, Method method, double h) {
        this(model, n, method, h, null);
    }

    /** The state layout's dynamics (radii or not), for {@link Dynamics#state}. */
    Dynamics dynamics() {
        if (dynamics == null) dynamics = new Dynamics(model, n, fields);
        return dynamics;
    }

    /** The state reached from {@code state} (layout of {@link Dynamics}) at model time t0 after dt. */
    double[] advance(double[] state, double t0, double dt) {
        Integrator i = model.timeDependent() ? create(model.startingAt(t0)) : integrator != null ? integrator : (integrator = create(model));
        double[][] end = new double[1][];
        i.integrate(state, TimeGrid.of(new double[] {dt}), new org.attnflow.integrate.FrameHandler() {
            @Override
            public void frame(int index, double t, double[] x) {
                if (index == 1) end[0] = x.clone();
            }

            @Override
            public void frame(int index, double t, double[] x, double[] radius) {
                if (index != 1) return;
                if (radius == null) {
                    end[0] = x.clone();
                    return;
                }
                end[0] = java.util.Arrays.copyOf(x, x.length + radius.length);
                System.arraycopy(radius, 0, end[0], x.length, radius.length);
            }
        });
        return end[0];
    }

    private Integrator create(AttentionModel m) {
        Dynamics d = new Dynamics(m, n, fields);
        if (method.fixedStep()) return new FixedStepIntegrator(d, Integrators.fixedStep(method, d), h);
        return Integrators.create(new SolverSettings(Method.DOPRI5, null, FLOW_RTOL, FLOW_RTOL * 1e-2, null, FieldKind.SCALAR, 1), d);
    }
}
