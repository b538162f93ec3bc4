package org.attnflow.verify;

/**
 * The observed order of a fixed-step scheme from its errors at steps h, h/2, h/4 (each the largest distance to
 * the reference ODE solution over the saved frames): p = log2(e(h/2^k) / e(h/2^{k+1})).
 *
 * <p>Errors that have reached the double's rounding level say nothing about the order: an error below
 * {@link #roundingFloor(long)} (100 units of double rounding per step taken) is not used. The order used for the
 * verdict is that of the finest pair of steps whose errors both lie above the floor (the most asymptotic one). When
 * no pair does, the scheme's error is at rounding level already at h (e.g. a stationary state), and the order is
 * not measurable; that is consistent with any order as long as e(h) itself is at the floor.
 *
 * @param steps    h, h/2, h/4
 * @param errors   e(h), e(h/2), e(h/4)
 * @param floors   the rounding floor of each run
 * @param observed the order of each consecutive pair (NaN where a pair is below the floor)
 * @param used     the index in {@code observed} of the pair the verdict uses, or -1 when none is above the floor
 * @param nominal  the scheme's nominal order
 */
public record ConvergenceOrder(double[] steps, double[] errors, double[] floors, double[] observed, int used, int nominal) {

    /** How far the observed order may be from the nominal one. */
    public static final double ORDER_TOLERANCE = 0.3;

    /** 100 ulp(1) of rounding per step: errors below this are rounding, not truncation. */
    public static double roundingFloor(long steps) {
        return 100 * Math.ulp(1.0) * Math.max(1, steps);
    }

    public static ConvergenceOrder observe(double[] steps, double[] errors, double[] floors, int nominal) {
        double[] p = new double[steps.length - 1];
        int used = -1;
        for (int k = 0; k < p.length; k++) {
            boolean above = errors[k] > floors[k] && errors[k + 1] > floors[k + 1];
            p[k] = above ? Math.log(errors[k] / errors[k + 1]) / Math.log(steps[k] / steps[k + 1]) : Double.NaN;
            if (above) used = k;
        }
        return new ConvergenceOrder(steps.clone(), errors.clone(), floors.clone(), p, used, nominal);
    }

    /** The order the verdict uses (NaN when not measurable). */
    public double order() { return used < 0 ? Double.NaN : observed[used]; }

    /** True when the order was measured. */
    public boolean measurable() { return used >= 0; }

    /** Measured and within {@link #ORDER_TOLERANCE} of the nominal order, or not measurable with e(h) at rounding level. */
    public boolean matches() {
        if (!measurable()) return errors[0] <= floors[0];
        return Math.abs(order() - nominal) <= ORDER_TOLERANCE;
    }
}
