package org.attnflow.io;

import org.attnflow.integrate.Method;
import org.attnflow.model.Keys;

/**
 * The keys {@code solver.method} accepts: the double-precision integrators' {@link Method}s and
 * {@code reference} (the arbitrary-precision solver, which needs {@code solver.digits}).
 */
final class SolverMethods {
    private SolverMethods() {}

    static final String DEFAULT = Method.DOPRI5.key();
    static final String REFERENCE = "reference";

    static boolean isKnown(String method) {
        return REFERENCE.equals(method) || method(method) != null;
    }

    /** Fixed-step methods cannot run without {@code solver.step}. */
    static boolean needsStep(String method) {
        Method m = method(method);
        return m != null && m.fixedStep();
    }

    static String choices() {
        return Keys.choices(Method.class) + "|" + REFERENCE;
    }

    private static Method method(String key) {
        for (Method m : Method.values()) if (m.key().equals(key)) return m;
        return null;
    }
}
