package org.attnflow.claims;

import org.attnflow.analysis.Geodesic;
import org.attnflow.field.AttentionField;
import org.attnflow.field.Tokens;

/** Small measurements the claims share (angles to a point, diameters, speeds, first crossing times). */
final class Measures {
    private Measures() {}

    /** max_i angle(x_i, p) for a point p of length d. */
    static double maxAngleTo(double[] x, int d, double[] p) {
        double m = 0;
        for (int i = 0; i < x.length / d; i++) m = Math.max(m, Geodesic.angle(x, i, p, 0, d));
        return m;
    }

    /** Largest pairwise angle. */
    static double diameter(double[] x, int d) {
        double m = 0;
        int n = x.length / d;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) m = Math.max(m, Geodesic.angle(x, i, j, d));
        return m;
    }

    /**
     * A sphere run is at rest when every token's speed is below this: what is left is then a stationary state
     * within the solver's resolution, so a shape that contradicts a claim there is a counterexample, not a
     * transient.
     */
    static final double REST_SPEED = 1e-10;

    /** A spread (angle, diameter) beyond this, at rest, is a stationary state that is not the claimed limit. */
    static final double AWAY = 1e-2;

    /** True when a run whose largest token speed is {@code speed} is at rest ({@link #REST_SPEED}). */
    static boolean atRest(double speed) { return speed < REST_SPEED; }

    /**
     * The one "stuck" rule of the convergence claims, for one run: holds when its spread (the largest angle to the
     * claimed limit, or the diameter) is below {@code reached}; violated when it is at rest ({@link #atRest}) with the
     * spread beyond {@link #AWAY}, a stationary state that is not the limit; inconclusive otherwise (still moving).
     */
    static Verdict convergenceVerdict(double spread, double speed, double reached) {
        if (spread < reached) return Verdict.HOLDS;
        return atRest(speed) && spread > AWAY ? Verdict.VIOLATED : Verdict.INCONCLUSIVE;
    }

    /** Largest Euclidean norm of a token's velocity. */
    static double maxSpeed(AttentionField f, double[] x) {
        double[] v = new double[x.length];
        f.velocity(x, v);
        int d = f.dimension();
        double m = 0;
        for (int i = 0; i < x.length / d; i++) m = Math.max(m, Tokens.norm(v, i, d));
        return m;
    }

    /** The first time at which values[k] < threshold, or NaN. */
    static double firstTimeBelow(double[] times, double[] values, double threshold) {
        for (int k = 0; k < times.length; k++) if (values[k] < threshold) return times[k];
        return Double.NaN;
    }

    /** Least-squares slope and R² of y against x over indices [from, to). */
    static double[] linearFit(double[] x, double[] y, int from, int to) {
        int m = to - from;
        double mx = 0, my = 0;
        for (int k = from; k < to; k++) {
            mx += x[k] / m;
            my += y[k] / m;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int k = from; k < to; k++) {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
            syy += (y[k] - my) * (y[k] - my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new double[] {slope, r2};
    }

    /** The mean of ⟨x_i, x_j⟩ over the pairs i &lt; j (the γ of an equiangular configuration). */
    static double meanGram(double[] x, int d) {
        int n = x.length / d;
        double s = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Tokens.dot(x, i, x, j, d);
                pairs++;
            }
        }
        return s / pairs;
    }

    /**
     * Var = (1/n) Σ_k ‖θ_k − θ̄‖², from the coordinate differences (never as 1 − ‖θ̄‖², which loses every digit once
     * the tokens agree to 10^-8; spec/math.md §7.5).
     */
    static double variance(double[] x, int d) {
        int n = x.length / d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) mean[c] += x[i * d + c] / n;
        double v = 0;
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) v += (x[i * d + c] - mean[c]) * (x[i * d + c] - mean[c]);
        return v / n;
    }

    /** The largest angle a token turned by between two frames, per unit time: the angular speed, by difference. */
    static double angularSpeed(double[] before, double[] after, int d, double dt) {
        double m = 0;
        for (int i = 0; i < before.length / d; i++) m = Math.max(m, Geodesic.angle(before, i, after, i, d));
        return m / dt;
    }

    /** Token i of x as its own array. */
    static double[] token(double[] x, int i, int d) { return java.util.Arrays.copyOfRange(x, i * d, i * d + d); }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
