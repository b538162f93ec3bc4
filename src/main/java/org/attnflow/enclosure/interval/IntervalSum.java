package org.attnflow.enclosure.interval;

import java.math.BigDecimal;

/**
 * A sum of intervals and of interval products: each product's ends are exact (BigDecimal multiplication without a
 * MathContext is exact), each running sum is rounded outward at twice the arithmetic's digits plus 10 (so every
 * exact product of two results still fits), and the total is rounded outward to the arithmetic's digits by
 * {@link #round()}. Two roundings per term at the wide precision instead of two per operation at the working
 * one: tighter and faster; and unlike an exact sum it stays small when the terms' magnitudes are far apart
 * (e^{−10^5} beside 1). Mutable; not for sharing between threads.
 */
public final class IntervalSum {
    private final IntervalArithmetic ar;
    private BigDecimal lo = BigDecimal.ZERO;
    private BigDecimal hi = BigDecimal.ZERO;

    /** An empty sum, to be rounded by {@code ar}. */
    public IntervalSum(IntervalArithmetic ar) { this.ar = ar; }

    public IntervalSum add(Interval a) { return accumulate(a.lower(), a.upper()); }

    public IntervalSum subtract(Interval a) { return accumulate(a.upper().negate(), a.lower().negate()); }

    /** Adds the range of a·b over both intervals (the nine sign cases of {@link IntervalArithmetic#multiply}). */
    public IntervalSum addProduct(Interval a, Interval b) { return addProduct(a, b, 1); }

    /** Adds w times the range of a·b, for an integer weight w ≥ 1. */
    public IntervalSum addProduct(Interval a, Interval b, long w) {
        if (w < 1) throw new IllegalArgumentException("weight must be >= 1, got " + w);
        BigDecimal al = a.lower(), ah = a.upper(), bl = b.lower(), bh = b.upper();
        BigDecimal l, h;
        if (al.signum() >= 0) {
            if (bl.signum() >= 0) { l = al.multiply(bl); h = ah.multiply(bh); }
            else if (bh.signum() <= 0) { l = ah.multiply(bl); h = al.multiply(bh); }
            else { l = ah.multiply(bl); h = ah.multiply(bh); }
        } else if (ah.signum() <= 0) {
            if (bl.signum() >= 0) { l = al.multiply(bh); h = ah.multiply(bl); }
            else if (bh.signum() <= 0) { l = ah.multiply(bh); h = al.multiply(bl); }
            else { l = al.multiply(bh); h = al.multiply(bl); }
        } else if (bl.signum() >= 0) { l = al.multiply(bh); h = ah.multiply(bh); }
        else if (bh.signum() <= 0) { l = ah.multiply(bl); h = al.multiply(bl); }
        else {
            l = al.multiply(bh).min(ah.multiply(bl));
            h = al.multiply(bl).max(ah.multiply(bh));
        }
        if (w != 1) {
            BigDecimal weight = BigDecimal.valueOf(w);
            l = l.multiply(weight);
            h = h.multiply(weight);
        }
        return accumulate(l, h);
    }

    /** Adds a·c for an exact decimal c. */
    public IntervalSum addProduct(Interval a, BigDecimal c) {
        if (c.signum() >= 0) return accumulate(a.lower().multiply(c), a.upper().multiply(c));
        return accumulate(a.upper().multiply(c), a.lower().multiply(c));
    }

    /** Adds [l, h] (l ≤ h, exact): the lower sum rounded toward −∞, the upper toward +∞. */
    private IntervalSum accumulate(BigDecimal l, BigDecimal h) {
        lo = lo.add(l, ar.sumDown());
        hi = hi.add(h, ar.sumUp());
        return this;
    }

    /** The sum so far, rounded outward to the arithmetic's digits. */
    public Interval round() { return ar.round(new Interval(lo, hi)); }
}
