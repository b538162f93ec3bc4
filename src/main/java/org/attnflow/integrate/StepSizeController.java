package org.attnflow.integrate;

/**
 * The step-size controller of Hairer's DOPRI5 (Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.4, with the
 * Lund PI stabilisation of §IV.2): after a step of error norm err (≤ 1 accepted),
 * <pre>
 *   h_new = h · clamp(safety · err^{−α} · err_prev^{β}, minFactor, maxFactor),   α = 1/5 − 0.75 β,  β = 0.04,
 * </pre>
 * with safety 0.9 and factors in [0.2, 10]. After a rejection h only shrinks (err^{−1/5}-like, at most by 5),
 * and the step that follows a rejection may not grow. The exponent 1/5 is that of the embedded 4th-order error
 * estimate, O(h⁵).
 */
final class StepSizeController {
    static final double SAFETY = 0.9;
    static final double MIN_FACTOR = 0.2;
    static final double MAX_FACTOR = 10;
    static final double BETA = 0.04;
    private static final double ALPHA = 0.2 - 0.75 * BETA;

    private double previousError = 1e-4;
    private boolean afterRejection;

    void reset() {
        previousError = 1e-4;
        afterRejection = false;
    }

    /** The next step after an accepted step of size h with error norm err ≤ 1. */
    double accepted(double err, double h) {
        double factor = SAFETY * Math.pow(previousError, BETA) / Math.pow(err, ALPHA);
        factor = Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, factor));
        if (afterRejection) factor = Math.min(factor, 1);
        previousError = Math.max(err, 1e-4);
        afterRejection = false;
        return h * factor;
    }

    /** The retry after a rejected step of size h with error norm err &gt; 1 (possibly +∞). */
    double rejected(double err, double h) {
        afterRejection = true;
        double factor = Double.isFinite(err) ? SAFETY / Math.pow(err, ALPHA) : MIN_FACTOR;
        return h * Math.max(MIN_FACTOR, factor);
    }
}
