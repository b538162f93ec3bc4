package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
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
        Method method = s.method();
        if (!method.runsInDouble() || s.arbitraryPrecision()) {
            throw new IllegalArgumentException("solver.method " + method.key() + (s.arbitraryPrecision() ? " with solver.digits" : "")
                    + " runs in arbitrary precision, on the reference solver, not on the double-precision integrators");
        }
        if (!method.fixedStep()) return new Dopri5Integrator(field, s.rtol(), s.atol(), s.step());
        return new FixedStepIntegrator(field, fixedStep(method, field), s.step());
    }

    /**
     * One step of {@code method} on {@code field}. For {@link Method#DOPRI5} this is the Dormand–Prince tableau
     * with its step held fixed (no error control), for order studies. Every double method has a case here.
     */
    public static FixedStepMethod fixedStep(Method method, AttentionField field) {
        return switch (method) {
            case EULER_POSTLN -> new EulerStep(field, false);
            case EULER_PROJECTED -> new EulerStep(field, true);
            case RK4 -> new ClassicalRk4(field);
            case RKMK4 -> new Rkmk4(field);
            case DOPRI5 -> new Dopri5Step(field);
            case PRE_PUBLIC, PERI_PUBLIC, NGPT_PUBLIC -> throw new UnsupportedOperationException(method.key() + ": not yet");
            case REFERENCE -> throw new IllegalArgumentException("method reference has no double-precision step");
        };
    }
}
