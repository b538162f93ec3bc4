package org.attnflow.verify;

/**
 * The second half of dopri5's promise: its global error must fall with its tolerance. The run is repeated with
 * rtol/10 and atol/10; an honest dopri5 (error per step controlled, local extrapolation) then lands closer to the
 * reference by about 10^{4/5} ≈ 6.3 to 10. Measured on the peer scenario (T = 0.5) and the shipped examples cut short,
 * rtol 1e-4…1e-12, atol = rtol and rtol/100: the drop was 7.2–10 wherever the error was a visible fraction
 * (≥ {@value #RELEVANT} of the tolerance scale (rtol + atol)(1 + t)) and above rounding. A solver that ignores the tolerance it is
 * given (a fixed step in disguise, an rtol floor) shows a drop near 1. The check requires a drop of at least
 * √10 ≈ 3.16, half the expected decade on a log scale.
 *
 * <p>It is not applied when the error at the claimed tolerance is already below {@value #RELEVANT} of the
 * tolerance scale (rtol + atol)(1 + t), the promise without its constant K (few steps limited by the save interval make the drop erratic there, measured 3.1 on causal-circle at 2e-4 of
 * the promise, and the absolute promise is kept by a wide margin anyway) or when the tighter run's error is at the
 * floor (rounding or the reference's own error).
 *
 * @param error          the largest distance to the reference at the claimed tolerances
 * @param tighterError   the same at rtol/10, atol/10
 * @param floor          below this, the tighter run's error is rounding or reference error
 * @param promiseFraction max over frames of distance / promise at the claimed tolerances
 */
public record ToleranceProportionality(double error, double tighterError, double floor, double promiseFraction) {
    /** The factor by which the rerun tightens rtol and atol. */
    public static final double TIGHTENING = 10;
    /** The smallest drop of the error accepted for a tightening of 10 (expected ≈ 10^{4/5}). */
    public static final double REQUIRED_DROP = Math.sqrt(10);
    /**
     * Below this fraction of the tolerance scale (rtol + atol)(1 + t) (the promise divided by its constant K, so that
     * changing K does not switch the check off), the error is too small for its drop to say anything.
     */
    public static final double RELEVANT = 0.01;

    /** error(tol) / error(tol/10). */
    public double drop() { return error / tighterError; }

    /** True when the drop is meaningful: the error is a visible fraction of the promise and the tighter one above the floor. */
    public boolean measurable() { return promiseFraction * Dopri5Promise.K >= RELEVANT && tighterError > floor; }

    /** Not measurable, or a drop of at least {@link #REQUIRED_DROP}. */
    public boolean holds() { return !measurable() || drop() >= REQUIRED_DROP; }
}
