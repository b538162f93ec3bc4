package org.attnflow.verify;

import org.attnflow.integrate.Method;
import org.attnflow.io.InputException;
import org.attnflow.model.Keys;
import org.attnflow.model.SolverSettings;
import org.attnflow.reference.ReferenceSolver;

/**
 * What {@code validate} compares another program's trajectory with: the same discrete scheme replayed at
 * working precision from their first frame (so that the deviation is their rounding error alone), or the exact
 * flow ({@code ode}, the reference ODE solver).
 */
public enum ReplayScheme {
    EULER_POSTLN(Method.EULER_POSTLN),
    EULER_PROJECTED(Method.EULER_PROJECTED),
    RK4(Method.RK4),
    ODE(null);

    private final Method method;

    ReplayScheme(Method method) {
        this.method = method;
    }

    public String key() { return Keys.of(this); }

    /** The scenario {@code solver.method} the reference runs for this comparison. */
    String referenceMethod() { return method == null ? ReferenceSolver.METHOD : method.key(); }

    /** True for the discrete schemes (they need a step h). */
    public boolean fixedStep() { return method != null; }

    /** True for S1/S2 (S3 in R^d): one step is x + h·c·v, which lets I4's row scale c be inferred. */
    public boolean euler() { return this == EULER_POSTLN || this == EULER_PROJECTED; }

    public static ReplayScheme fromKey(String key) {
        try {
            return Keys.lookup(ReplayScheme.class, key);
        } catch (IllegalArgumentException e) {
            throw new InputException("--scheme " + e.getMessage(), e);
        }
    }

    /** The scenario's own scheme when it is one of the replayable ones; the exact flow otherwise (dopri5, rkmk4). */
    public static ReplayScheme defaultFor(SolverSettings solver) {
        for (ReplayScheme s : values()) if (s.method != null && s.method.key().equals(solver.method())) return s;
        return ODE;
    }
}
