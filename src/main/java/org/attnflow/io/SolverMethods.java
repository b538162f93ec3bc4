package org.attnflow.io;

import java.util.List;

/**
 * The keys {@code solver.method} accepts: the double-precision integrators' methods and {@code reference} (the
 * arbitrary-precision solver, which needs {@code solver.digits}).
 */
final class SolverMethods {
    private SolverMethods() {}

    static final String DEFAULT = "dopri5";
    static final String REFERENCE = "reference";

    // TEMPORARY until branch integrators lands: then these come from org.attnflow.integrate.Method.
    private static final List<String> DOUBLE_METHODS = List.of("euler-postln", "euler-projected", "rk4", "dopri5", "rkmk4");
    private static final List<String> ADAPTIVE = List.of("dopri5", REFERENCE);

    static boolean isKnown(String method) {
        return DOUBLE_METHODS.contains(method) || REFERENCE.equals(method);
    }

    /** Fixed-step methods cannot run without {@code solver.step}. */
    static boolean needsStep(String method) {
        return !ADAPTIVE.contains(method);
    }

    static String choices() {
        return String.join("|", DOUBLE_METHODS) + "|" + REFERENCE;
    }
}
