package org.attnflow.reference;

import org.apfloat.Apfloat;

/** Carries one arbitrary-precision solution from one save time to the next. */
interface Propagator {

    /**
     * The state at save time {@code to} from the state x at the previous save time {@code from} (x may be
     * modified). The doubles are the grid's own times, for schemes whose step count must be decided exactly as
     * the double integrators decide it.
     */
    Apfloat[][] advance(Apfloat[][] x, double fromTime, double toTime, Apfloat from, Apfloat to);

    /** Accepted steps so far. */
    long steps();

    /** Rejected step attempts so far (0 for fixed-step schemes). */
    long rejected();

    /** Field evaluations so far, in the arithmetic this propagator runs. */
    long evaluations();

    /** Significant decimal digits of the arithmetic it runs in. */
    long digits();

    /**
     * Σ over the steps so far of a bound of each step's local error (absolute, max-norm): the extrapolation's, from its
     * tableau; 0 for a replay, which reproduces its scheme and has no truncation error of its own.
     */
    Apfloat localErrors();

    /** What one step's rounding can leave, relative to 1 + ‖y‖∞ (a few units of the last digit, times any amplification). */
    Apfloat roundingPerStep();
}
