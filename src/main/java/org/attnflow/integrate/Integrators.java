package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.model.SolverSettings;

/** The factory from a scenario's solver settings to a double-precision {@link Integrator}. */
public final class Integrators {
    private Integrators() {}

    /**
     * The integrator {@code s} asks for, bound to {@code field}. Fixed-step methods need {@code solver.step};
     * dopri5 takes it, when given, as its first step. Throws IllegalArgumentException (one line, naming the
     * scenario key) for an unknown method, a missing step, or settings that call for arbitrary precision.
     */
    public static Integrator create(SolverSettings s, AttentionField field) {
        if ("reference".equals(s.method())) {
            throw new IllegalArgumentException("solver.method 'reference' is the arbitrary-precision reference solver, not a double-precision integrator");
        }
        Method method = Method.fromKey(s.method());
        if (s.arbitraryPrecision()) {
            throw new IllegalArgumentException("solver.digits is set: method " + method.key()
                    + " is then replayed in arbitrary precision by the reference solver, not by the double integrators");
        }
        if (!method.fixedStep()) return new Dopri5Integrator(field, s.rtol(), s.atol(), s.step());
        if (s.step() == null) {
            throw new IllegalArgumentException("solver.step is required for the fixed-step method " + method.key());
        }
        return new FixedStepIntegrator(field, fixedStep(method, field), s.step());
    }

    /**
     * One step of {@code method} on {@code field}. For {@link Method#DOPRI5} this is the Dormand–Prince tableau
     * with its step held fixed (no error control), for order studies.
     */
    public static FixedStepMethod fixedStep(Method method, AttentionField field) {
        return switch (method) {
            case EULER_POSTLN -> new EulerStep(field, false);
            case EULER_PROJECTED -> new EulerStep(field, true);
            case RK4 -> new ClassicalRk4(field);
            case RKMK4 -> new Rkmk4(field);
            case DOPRI5 -> new Dopri5Step(field);
        };
    }
}
