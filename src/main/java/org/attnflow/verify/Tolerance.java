package org.attnflow.verify;

import java.util.Locale;

/**
 * The largest deviation {@code validate} accepts at a frame, and why: a fixed number (the default
 * {@link Validation#DEFAULT_TOLERANCE}, float64 rounding, or {@code --tolerance}), or, for an adaptive peer run with
 * rtol and atol, what {@code verify} promises of such a run, {@link Dopri5Promise} K·(rtol + atol)·(1 + t), with t
 * counted from their first frame.
 *
 * @param fixed   the tolerance when there is no promise
 * @param promise the adaptive run's promise, or null
 * @param start   the time their run starts at (t of their first frame)
 * @param why     where the tolerance comes from, for the report
 */
public record Tolerance(double fixed, Dopri5Promise promise, double start, String why) {

    /** A fixed tolerance; {@code why} says where it comes from. */
    public static Tolerance fixed(double value, String why) { return new Tolerance(value, null, 0, why); }

    /** verify's dopri5 promise for a run with these tolerances that started at {@code start}. */
    public static Tolerance promise(double rtol, double atol, double start) {
        Dopri5Promise p = new Dopri5Promise(rtol, atol);
        return new Tolerance(Double.NaN, p, start, String.format(Locale.ROOT,
                "--rtol %s --atol %s: an adaptive run's promise as verify states it for dopri5, %s (t from their first frame)",
                Format.e(rtol), Format.e(atol), p.formula()));
    }

    /** The tolerance at time t. */
    public double at(double t) { return promise == null ? fixed : promise.at(t - start); }

    /** True when it depends on the time. */
    public boolean varies() { return promise != null; }

    /** The tolerance at their first frame (the number the report's {@code tolerance} key holds). */
    public double first() { return at(start); }
}
