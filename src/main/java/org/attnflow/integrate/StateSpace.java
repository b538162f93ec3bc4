package org.attnflow.integrate;

import org.attnflow.field.Dynamics;
import org.attnflow.field.Tokens;

/**
 * Where a state lives, in the layout of {@link Dynamics}: n directions on (S^{d−1})^n or n tokens in (R^d)^n, and,
 * for a normalisation scheme that carries them, n radii after the directions. Gives the integrators the retraction
 * back to the manifold (the directions only; radii are never normalised), the run-time check of I8 (radii stay
 * positive) and the norm drift (I1), all per token via {@link Tokens}.
 */
final class StateSpace {
    private final boolean sphere;
    private final boolean radius;
    private final int n;
    private final int d;

    StateSpace(Dynamics dynamics) {
        this.sphere = dynamics.sphere();
        this.radius = dynamics.carriesRadius();
        this.n = dynamics.tokens();
        this.d = dynamics.dimension();
    }

    boolean sphere() { return sphere; }

    boolean carriesRadius() { return radius; }

    int tokens() { return n; }

    int dimension() { return d; }

    /** Length of a state: n·d, plus n radii. */
    int size() { return n * d + (radius ? n : 0); }

    /**
     * On the sphere θ_i ← θ_i/‖θ_i‖ for every token (radii untouched); nothing in R^d. With radii, a radius ≤ 0 (or
     * NaN) of the state reached at time t is the run failure I8.
     */
    void retract(double[] y, double t) {
        if (sphere) normalizeDirections(y);
        checkRadius(y, t);
    }

    /** I8: with radii, one ≤ 0 (or NaN) in the state reached at time t is a run failure. */
    void checkRadius(double[] y, double t) {
        if (!radius) return;
        for (int k = 0; k < n; k++) {
            double r = y[n * d + k];
            if (!(r > 0)) throw Dynamics.radiusNotPositive(k, t, r);
        }
    }

    /** θ_i ← θ_i/‖θ_i‖ for the n directions of y. */
    void normalizeDirections(double[] y) { Tokens.normalize(y, n, d); }

    /** max_i |‖θ_i‖ − 1| on the sphere; 0 in R^d. */
    double normDrift(double[] y) { return sphere ? Tokens.maxNormDrift(y, n, d) : 0; }

    /**
     * Checks a start state: the right length, finite, on the sphere within 1e-10 (the integrators' contract is that
     * the start is already on the manifold at working precision; each solver retracts user input itself), radii &gt; 0.
     */
    void checkStart(double[] y0) {
        if (y0.length != size()) {
            throw new IllegalArgumentException("start state must have " + (radius ? "n*d + n = " : "n*d = ") + size() + " entries, got " + y0.length);
        }
        for (int k = 0; k < y0.length; k++) {
            if (!Double.isFinite(y0[k])) throw new IllegalArgumentException("start state entry " + k + " is " + y0[k]);
        }
        if (normDrift(y0) > 1e-10) {
            throw new IllegalArgumentException("start state is not on the unit sphere (norm drift " + normDrift(y0) + "); normalise it first");
        }
        for (int k = 0; radius && k < n; k++) {
            if (!(y0[n * d + k] > 0)) throw new IllegalArgumentException("start radius of token " + k + " is " + y0[n * d + k] + ", not > 0");
        }
    }
}
