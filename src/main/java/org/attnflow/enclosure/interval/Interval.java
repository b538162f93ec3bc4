package org.attnflow.enclosure.interval;

import java.math.BigDecimal;

/**
 * A closed interval [lo, hi] of exact decimals, lo ≤ hi. Immutable. The endpoints are exact: an interval
 * stands for every real number between them, and the operations of {@link IntervalArithmetic} round its
 * results outward so that the exact result of the real operation on any members lies inside.
 *
 * <p>Kept in the Java subset KeY parses (no generics, lambdas, var, records or switch expressions).
 */
public final class Interval {
    /** [0, 0]. */
    public static final Interval ZERO = new Interval(BigDecimal.ZERO, BigDecimal.ZERO);
    /** [1, 1]. */
    public static final Interval ONE = new Interval(BigDecimal.ONE, BigDecimal.ONE);

    private final BigDecimal lo;
    private final BigDecimal hi;

    /**
     * [lo, hi]; an {@link IllegalArgumentException} when lo &gt; hi (an operation that rounded inward can
     * produce that, and must not go unnoticed).
     */
    public Interval(BigDecimal lo, BigDecimal hi) {
        if (lo == null || hi == null) throw new IllegalArgumentException("an interval needs two endpoints");
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("not an interval: lower end " + lo + " > upper end " + hi);
        }
        this.lo = lo;
        this.hi = hi;
    }

    /** The point interval [x, x]. */
    public static Interval point(BigDecimal x) { return new Interval(x, x); }

    public BigDecimal lower() { return lo; }

    public BigDecimal upper() { return hi; }

    /** hi − lo, exactly. */
    public BigDecimal width() { return hi.subtract(lo); }

    /** True when lo ≤ x ≤ hi. */
    public boolean contains(BigDecimal x) { return lo.compareTo(x) <= 0 && x.compareTo(hi) <= 0; }

    /** True when this interval lies inside {@code other}. */
    public boolean isInside(Interval other) { return other.lo.compareTo(lo) <= 0 && hi.compareTo(other.hi) <= 0; }

    /** True when this interval lies in the interior of {@code other} (both ends strictly inside). */
    public boolean isInsideInterior(Interval other) { return other.lo.compareTo(lo) < 0 && hi.compareTo(other.hi) < 0; }

    /** True when both ends are zero. */
    public boolean isZero() { return lo.signum() == 0 && hi.signum() == 0; }

    /** True when lo ≤ 0 ≤ hi. */
    public boolean containsZero() { return lo.signum() <= 0 && hi.signum() >= 0; }

    /** max(|lo|, |hi|): the largest magnitude of a member, exactly. */
    public BigDecimal magnitude() { return lo.abs().max(hi.abs()); }

    /** −[lo, hi] = [−hi, −lo], exactly. */
    public Interval negate() { return new Interval(hi.negate(), lo.negate()); }

    /** The smallest interval holding both. */
    public Interval hull(Interval other) { return new Interval(lo.min(other.lo), hi.max(other.hi)); }

    /** The common part, or null when the two are disjoint. */
    public Interval intersect(Interval other) {
        BigDecimal l = lo.max(other.lo), h = hi.min(other.hi);
        if (l.compareTo(h) > 0) return null;
        return new Interval(l, h);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Interval)) return false;
        Interval other = (Interval) o;
        return lo.compareTo(other.lo) == 0 && hi.compareTo(other.hi) == 0;
    }

    @Override
    public int hashCode() { return 31 * lo.stripTrailingZeros().hashCode() + hi.stripTrailingZeros().hashCode(); }

    @Override
    public String toString() { return "[" + lo + ", " + hi + "]"; }
}
