package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.field.Dynamics;
import org.attnflow.model.Method;
import org.attnflow.model.SolverSettings;

/** The factory from a scenario's solver settings to a double-precision {@link Integrator}. */
public final class Integrators {
    private Integrators() {}

    /**
     * The integrator {@code s} asks for, bound to {@code field}: the fixed-step integrator of a fixed-step method
     * (with {@code solver.step}, which {@link SolverSettings} guarantees), dopri5 with its tolerances and, when given,
     * its first step. Settings that call for arbitrary precision ({@code solver.digits} set, or a method that only
     * runs there) are an IllegalArgumentException: they belong to the reference solver.
     */
    public static Integrator create(SolverSettings s, AttentionField field) {
        return create(s, Dynamics.of(field));
    }

    /** {@link #create(SolverSettings, AttentionField)} for the dynamics of a whole run (schedule, scheme, radii). */
    public static Integrator create(SolverSettings s, Dynamics dynamics) {
        Method method = s.method();
        if (!method.runsInDouble() || s.arbitraryPrecision()) {
            throw new IllegalArgumentException("solver.method " + method.key() + (s.arbitraryPrecision() ? " with solver.digits" : "")
                    + " runs in arbitrary precision, on the reference solver, not on the double-precision integrators");
        }
        if (!method.fixedStep()) return new Dopri5Integrator(dynamics, s.rtol(), s.atol(), s.step());
        return new FixedStepIntegrator(dynamics, fixedStep(method, dynamics), s.step());
    }

    /**
     * One step of {@code method} on {@code field}. For {@link Method#DOPRI5} this is the Dormand–Prince tableau
     * with its step held fixed (no error control), for order studies. Every double method has a case here.
     */
    public static FixedStepMethod fixedStep(Method method, AttentionField field) {
        return fixedStep(method, Dynamics.of(field));
    }

    /** {@link #fixedStep(Method, AttentionField)} on the dynamics of a whole run. */
    public static FixedStepMethod fixedStep(Method method, Dynamics dynamics) {
        return switch (method) {
            case EULER_POSTLN -> new EulerStep(dynamics, false);
            case EULER_PROJECTED -> new EulerStep(dynamics, true);
            case RK4 -> new ClassicalRk4(dynamics);
            case RKMK4 -> new Rkmk4(dynamics);
            case DOPRI5 -> new Dopri5Step(dynamics);
            case PRE_PUBLIC, PERI_PUBLIC, NGPT_PUBLIC -> new PublicStep(dynamics, method);
            case Z_EULER -> new ZEulerStep(dynamics);
            case REFERENCE, ENCLOSURE -> throw new IllegalArgumentException("method " + method.key() + " has no double-precision step");
        };
    }
}
