package org.attnflow.integrate;

import org.attnflow.model.Keys;

/**
 * The double-precision integration methods, by their scenario-file names ({@link Keys}: {@code EULER_POSTLN} is
 * "euler-postln"). Each carries its nominal order of convergence and whether it steps with a fixed h.
 */
public enum Method {
    /** S1, the papers' own scheme: x ← normalize(x + h v) with v the unprojected attention output. */
    EULER_POSTLN(1, true, "S1 post-LN Euler: the papers' scheme, to reproduce their runs"),
    /** S2: x ← normalize(x + h P⊥v). */
    EULER_PROJECTED(1, true, "S2 projected Euler"),
    /** Classical RK4 on the projected field, retracted to the sphere after each step. */
    RK4(4, true, "classical Runge-Kutta 4, retracted after each step"),
    /** Dormand–Prince 5(4) with error control and dense output at the save times. */
    DOPRI5(5, false, "adaptive Dormand-Prince 5(4), rtol/atol, dense output: the default for accuracy"),
    /** RK4 in the sphere's normal coordinates (Runge–Kutta–Munthe-Kaas): on the sphere without any retraction. */
    RKMK4(4, true, "Lie-group RK4 in geodesic normal coordinates: norm-exact without retraction");

    private final int order;
    private final boolean fixedStep;
    private final String summary;

    Method(int order, boolean fixedStep, String summary) {
        this.order = order;
        this.fixedStep = fixedStep;
        this.summary = summary;
    }

    /** Nominal order of the global error in h (for dopri5: of its 5th-order solution with the step held fixed). */
    public int order() { return order; }

    /** True when the method steps with the user's fixed h; false for the adaptive dopri5. */
    public boolean fixedStep() { return fixedStep; }

    /** One line for help texts and the README. */
    public String summary() { return summary; }

    public String key() { return Keys.of(this); }

    /** The method named {@code key}; an IllegalArgumentException naming the valid keys otherwise. */
    public static Method fromKey(String key) {
        try {
            return Keys.lookup(Method.class, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("solver.method " + e.getMessage(), e);
        }
    }
}
