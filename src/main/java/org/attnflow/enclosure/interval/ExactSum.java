package org.attnflow.enclosure.interval;

import java.math.BigDecimal;

/**
 * A sum of intervals and of interval products kept exactly (BigDecimal addition and multiplication without a
 * MathContext are exact), rounded outward once at the end by {@link #round(IntervalArithmetic)}. One rounding
 * per sum instead of two per term: tighter, and several times faster than rounding every partial result.
 * Mutable; not for sharing between threads.
 */
public final class ExactSum {
    private BigDecimal lo = BigDecimal.ZERO;
    private BigDecimal hi = BigDecimal.ZERO;

    public ExactSum add(Interval a) {
        lo = lo.add(a.lower());
        hi = hi.add(a.upper());
        return this;
    }

    public ExactSum subtract(Interval a) {
        lo = lo.subtract(a.upper());
        hi = hi.subtract(a.lower());
        return this;
    }

    /** Adds the range of a·b over both intervals (the nine sign cases of {@link IntervalArithmetic#multiply}). */
    public ExactSum addProduct(Interval a, Interval b) { return addProduct(a, b, 1); }

    /** Adds w times the range of a·b, for an integer weight w ≥ 1. */
    public ExactSum addProduct(Interval a, Interval b, long w) {
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
        lo = lo.add(l);
        hi = hi.add(h);
        return this;
    }

    /** Adds a·c for an exact decimal c. */
    public ExactSum addProduct(Interval a, BigDecimal c) {
        if (c.signum() >= 0) {
            lo = lo.add(a.lower().multiply(c));
            hi = hi.add(a.upper().multiply(c));
        } else {
            lo = lo.add(a.upper().multiply(c));
            hi = hi.add(a.lower().multiply(c));
        }
        return this;
    }

    /** The sum so far, rounded outward by {@code ar}. */
    public Interval round(IntervalArithmetic ar) { return ar.round(new Interval(lo, hi)); }
}
