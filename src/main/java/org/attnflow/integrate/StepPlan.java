package org.attnflow.integrate;

/**
 * How a fixed-step method of step h gets from one save time t_a to the next t_b: when (t_b − t_a)/h is an integer
 * m to within 1e-9 relative (0.3/0.1 = 2.9999999999999996 counts as 3), m steps of exactly h; otherwise
 * ⌊(t_b − t_a)/h⌋ steps of h followed by one shortened step ending at t_b.
 *
 * <p>One rule for every arithmetic: the double {@link FixedStepIntegrator} and the arbitrary-precision replay of
 * the same scheme must take the same sequence of steps, or the replay would not measure rounding error alone.
 *
 * <p>Switch times of the field (spec/math.md §8.3: a schedule's pieces, Mix-LN's τ) are stops like the save times:
 * {@link #stops} cuts a save interval at the switch times inside it, and the plan applies to each piece, so that
 * every integrator, in every arithmetic, ends a step exactly on each switch and restarts its whole steps from it.
 *
 * @param fullSteps     steps of exactly h
 * @param shortenedStep whether one shortened step follows them, from t_a + fullSteps·h to t_b
 */
public record StepPlan(long fullSteps, boolean shortenedStep) {
    /** Relative tolerance of "(t_b − t_a)/h is an integer". */
    public static final double INTEGER_TOLERANCE = 1e-9;

    public static StepPlan between(double ta, double tb, double h) {
        double m = (tb - ta) / h;
        long whole = Math.round(m);
        if (whole >= 1 && Math.abs(m - whole) <= INTEGER_TOLERANCE * m) return new StepPlan(whole, false);
        long full = (long) Math.floor(m);
        return new StepPlan(full, tb > ta + full * h);
    }

    /**
     * The points a fixed-step integrator stops at between save times ta &lt; tb: ta, the switch times strictly
     * inside (ta, tb) in increasing order, tb. {@code switches} must be increasing.
     */
    public static double[] stops(double ta, double tb, double[] switches) {
        int inside = 0;
        for (double s : switches) if (s > ta && s < tb) inside++;
        double[] stops = new double[inside + 2];
        stops[0] = ta;
        int k = 1;
        for (double s : switches) if (s > ta && s < tb) stops[k++] = s;
        stops[k] = tb;
        return stops;
    }

    /** True when the interval is exactly one step h (no shortened step). */
    public boolean singleStep() { return fullSteps == 1 && !shortenedStep; }

    /** Steps taken in all. */
    public long steps() { return fullSteps + (shortenedStep ? 1 : 0); }
}
