package org.attnflow.verify;

import java.util.ArrayList;
import java.util.List;

import org.attnflow.model.Method;
import org.attnflow.model.SolverSettings;

/**
 * What {@code validate} compares another program's trajectory with: the same discrete scheme replayed at
 * working precision from their first frame (so that the deviation is their rounding error alone), or the exact
 * flow ({@link #ODE}, the reference ODE solver). The schemes are the {@link Method#replayable} methods, under their
 * scenario keys: a method that becomes replayable is a {@code --scheme} by that alone.
 *
 * @param method the replayed {@link Method}, or {@link Method#REFERENCE} for the exact flow
 */
public record ReplayScheme(Method method) {
    /** The exact flow, integrated by the reference ({@code --scheme ode}). */
    public static final ReplayScheme ODE = new ReplayScheme(Method.REFERENCE);
    private static final String ODE_KEY = "ode";

    public ReplayScheme {
        if (method != Method.REFERENCE && !method.replayable()) {
            throw new IllegalArgumentException("method " + method.key() + " has no arbitrary-precision replay: not a scheme validate can replay");
        }
    }

    /** The scheme's name on the command line: the method's key, or "ode". */
    public String key() { return method == Method.REFERENCE ? ODE_KEY : method.key(); }

    /** True for the discrete schemes (they need a step h). */
    public boolean fixedStep() { return method.fixedStep(); }

    /** True for S1/S2 (S3 in R^d): one step is x + h·c·v, which lets I4's row scale c be inferred. */
    public boolean euler() { return method == Method.EULER_POSTLN || method == Method.EULER_PROJECTED; }

    /** Every scheme, replays first, then the exact flow. */
    public static List<ReplayScheme> values() {
        List<ReplayScheme> all = new ArrayList<>();
        for (Method m : Method.replayableMethods()) all.add(new ReplayScheme(m));
        all.add(ODE);
        return all;
    }

    /** The scheme named {@code key}; an IllegalArgumentException naming the valid keys otherwise. */
    public static ReplayScheme fromKey(String key) {
        for (ReplayScheme s : values()) if (s.key().equals(key)) return s;
        throw new IllegalArgumentException("'" + key + "' is not one of " + choices());
    }

    /** The scenario's own scheme when it is replayable; the exact flow otherwise (dopri5, rkmk4, the reference). */
    public static ReplayScheme defaultFor(SolverSettings solver) {
        return solver.method().replayable() ? new ReplayScheme(solver.method()) : ODE;
    }

    @Override
    public String toString() { return key(); }

    /** The keys, "a|b|c" as messages list them. */
    private static String choices() {
        List<String> keys = new ArrayList<>();
        for (ReplayScheme s : values()) keys.add(s.key());
        return String.join("|", keys);
    }
}
