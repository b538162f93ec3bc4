package org.attnflow.io;

import org.attnflow.integrate.Method;
import org.attnflow.model.Keys;
import org.attnflow.reference.ReferenceSolver;

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

    /** Only the adaptive dopri5 reads solver.rtol and solver.atol (the reference derives its tolerance from digits). */
    static boolean readsTolerances(String method) {
        return method(method) == Method.DOPRI5;
    }

    /** solver.step is read by every double method (dopri5: its first step), not by the adaptive reference. */
    static boolean readsStep(String method) {
        return !REFERENCE.equals(method);
    }

    /** With solver.digits: the reference, or a fixed-step scheme that the reference replays in arbitrary precision. */
    static boolean runsWithDigits(String method) {
        Method m = method(method);
        return REFERENCE.equals(method) || (m != null && ReferenceSolver.canReplay(m));
    }

    /** The methods {@link #runsWithDigits} accepts, for messages. */
    static String digitsChoices() {
        StringBuilder b = new StringBuilder(REFERENCE);
        for (Method m : Method.values()) if (ReferenceSolver.canReplay(m)) b.append('|').append(m.key());
        return b.toString();
    }

    static String choices() {
        return Keys.choices(Method.class) + "|" + REFERENCE;
    }

    private static Method method(String key) {
        for (Method m : Method.values()) if (m.key().equals(key)) return m;
        return null;
    }
}
