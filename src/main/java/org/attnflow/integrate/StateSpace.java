package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.model.Geometry;

/**
 * Where a state of n tokens lives: (S^{d−1})^n or (R^d)^n. Gives the integrators the retraction back to the
 * manifold and the norm drift (I1), both per token via {@link Tokens}.
 */
final class StateSpace {
    private final boolean sphere;
    private final int n;
    private final int d;

    StateSpace(AttentionField field) {
        this.sphere = field.model().geometry() == Geometry.SPHERE;
        this.n = field.tokens();
        this.d = field.dimension();
    }

    boolean sphere() { return sphere; }

    int tokens() { return n; }

    int dimension() { return d; }

    /** Length n·d of a state. */
    int size() { return n * d; }

    /** On the sphere x_i ← x_i/‖x_i‖ for every token; nothing in R^d. */
    void retract(double[] x) {
        if (sphere) Tokens.normalize(x, d);
    }

    /** max_i |‖x_i‖ − 1| on the sphere; 0 in R^d. */
    double normDrift(double[] x) { return sphere ? Tokens.maxNormDrift(x, d) : 0; }

    /**
     * Checks a start state: the right length, finite, and on the sphere within 1e-10 (the integrators' contract is
     * that x0 is already on the manifold at working precision; each solver retracts user input itself).
     */
    void checkStart(double[] x0) {
        if (x0.length != size()) {
            throw new IllegalArgumentException("start state must have n*d = " + size() + " entries, got " + x0.length);
        }
        for (int k = 0; k < x0.length; k++) {
            if (!Double.isFinite(x0[k])) throw new IllegalArgumentException("start state entry " + k + " is " + x0[k]);
        }
        if (normDrift(x0) > 1e-10) {
            throw new IllegalArgumentException("start state is not on the unit sphere (norm drift " + normDrift(x0) + "); normalise it first");
        }
    }
}
