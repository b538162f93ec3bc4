package org.attnflow.enclosure.interval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Interval arithmetic on {@link Interval}s with outward rounding at a fixed number of significant decimal digits.
 *
 * <p><b>Why the results enclose.</b> Every operation computes its lower end with {@link BigDecimal}'s operation
 * under {@code MathContext(digits, FLOOR)} and its upper end under {@code MathContext(digits, CEILING)}. The
 * BigDecimal specification defines each such operation (add, subtract, multiply, divide) as the exact result
 * rounded by the context's mode, and FLOOR/CEILING round toward −∞/+∞: so the computed lower end is ≤ the
 * exact lower end of the real operation's range and the upper end ≥ its upper end. The range of each
 * operation over boxes is attained at endpoint combinations (sign cases below), so the result holds every
 * exact result. Square roots are not trusted to the context's rounding: each end is checked by squaring
 * exactly and moved by one unit in the last place until the check holds. The exponential has its own
 * remainder bound ({@link #exp(Interval)}).
 *
 * <p>Not final, so that a test can plant a mutant operation (one that rounds inward) and see it caught.
 * Kept in the Java subset KeY parses.
 */
public class IntervalArithmetic {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    /** exp is evaluated only for |x| up to this bound (e^{10^6} has ~434,000 decimal digits of exponent). */
    private static final BigDecimal EXP_LIMIT = BigDecimal.valueOf(1000000);

    private final int digits;
    private final MathContext down;
    private final MathContext up;
    private final MathContext sumDown;
    private final MathContext sumUp;

    /** Outward rounding at {@code digits} significant decimal digits (at least 2). */
    public IntervalArithmetic(int digits) {
        if (digits < 2) throw new IllegalArgumentException("interval arithmetic needs at least 2 digits, got " + digits);
        this.digits = digits;
        this.down = new MathContext(digits, RoundingMode.FLOOR);
        this.up = new MathContext(digits, RoundingMode.CEILING);
        this.sumDown = new MathContext(2 * digits + 10, RoundingMode.FLOOR);
        this.sumUp = new MathContext(2 * digits + 10, RoundingMode.CEILING);
    }

    public int digits() { return digits; }

    /** The context that rounds toward −∞ (lower ends). */
    protected MathContext down() { return down; }

    /** The context that rounds toward +∞ (upper ends). */
    protected MathContext up() { return up; }

    /** Rounds the running lower ends of an {@link IntervalSum} (2·digits + 10 digits, toward −∞). */
    MathContext sumDown() { return sumDown; }

    /** Rounds the running upper ends of an {@link IntervalSum} (2·digits + 10 digits, toward +∞). */
    MathContext sumUp() { return sumUp; }

    /** [x, x] for an exact decimal (no rounding). */
    public Interval point(BigDecimal x) { return Interval.point(x); }

    /** The smallest interval of {@code digits}-digit ends holding {@code x}. */
    public Interval round(Interval x) { return new Interval(x.lower().round(down), x.upper().round(up)); }

    public Interval add(Interval a, Interval b) {
        return new Interval(a.lower().add(b.lower(), down), a.upper().add(b.upper(), up));
    }

    public Interval subtract(Interval a, Interval b) {
        return new Interval(a.lower().subtract(b.upper(), down), a.upper().subtract(b.lower(), up));
    }

    /** a·b by the nine sign cases (two products unless both straddle zero). */
    public Interval multiply(Interval a, Interval b) {
        BigDecimal al = a.lower(), ah = a.upper(), bl = b.lower(), bh = b.upper();
        if (al.signum() >= 0) {
            if (bl.signum() >= 0) return range(al, bl, ah, bh);
            if (bh.signum() <= 0) return range(ah, bl, al, bh);
            return range(ah, bl, ah, bh);
        }
        if (ah.signum() <= 0) {
            if (bl.signum() >= 0) return range(al, bh, ah, bl);
            if (bh.signum() <= 0) return range(ah, bh, al, bl);
            return range(al, bh, al, bl);
        }
        if (bl.signum() >= 0) return range(al, bh, ah, bh);
        if (bh.signum() <= 0) return range(ah, bl, al, bl);
        BigDecimal lo = al.multiply(bh, down).min(ah.multiply(bl, down));
        BigDecimal hi = al.multiply(bl, up).max(ah.multiply(bh, up));
        return new Interval(lo, hi);
    }

    /** [p·q rounded down, r·s rounded up]. */
    private Interval range(BigDecimal p, BigDecimal q, BigDecimal r, BigDecimal s) {
        return new Interval(p.multiply(q, down), r.multiply(s, up));
    }

    /** a·c for an exact decimal c. */
    public Interval multiply(Interval a, BigDecimal c) {
        if (c.signum() >= 0) return new Interval(a.lower().multiply(c, down), a.upper().multiply(c, up));
        return new Interval(a.upper().multiply(c, down), a.lower().multiply(c, up));
    }

    /** a² (tighter than a·a when a straddles zero). */
    public Interval square(Interval a) {
        if (a.lower().signum() >= 0) return new Interval(a.lower().multiply(a.lower(), down), a.upper().multiply(a.upper(), up));
        if (a.upper().signum() <= 0) return new Interval(a.upper().multiply(a.upper(), down), a.lower().multiply(a.lower(), up));
        BigDecimal m = a.magnitude();
        return new Interval(BigDecimal.ZERO, m.multiply(m, up));
    }

    /** a/b; an {@link ArithmeticException} when b holds zero. */
    public Interval divide(Interval a, Interval b) {
        if (b.containsZero()) throw new ArithmeticException("division by an interval holding 0: " + b);
        if (b.lower().signum() < 0) return divide(a.negate(), b.negate());
        BigDecimal al = a.lower(), ah = a.upper(), bl = b.lower(), bh = b.upper();
        BigDecimal lo = al.divide(al.signum() >= 0 ? bh : bl, down);
        BigDecimal hi = ah.divide(ah.signum() >= 0 ? bl : bh, up);
        return new Interval(lo, hi);
    }

    /** a/k for a positive integer k. */
    public Interval divide(Interval a, int k) {
        if (k <= 0) throw new IllegalArgumentException("divisor must be positive, got " + k);
        BigDecimal q = BigDecimal.valueOf(k);
        return new Interval(a.lower().divide(q, down), a.upper().divide(q, up));
    }

    /** √a for a ≥ 0 (a lower end below zero, which rounding can produce for a square, is read as 0). */
    public Interval sqrt(Interval a) {
        if (a.upper().signum() < 0) throw new ArithmeticException("square root of a negative interval " + a);
        BigDecimal x = a.lower().max(BigDecimal.ZERO);
        return new Interval(sqrtDown(x), sqrtUp(a.upper()));
    }

    /** A decimal r with r ≤ √x, checked exactly (r² ≤ x). */
    private BigDecimal sqrtDown(BigDecimal x) {
        if (x.signum() == 0) return BigDecimal.ZERO;
        BigDecimal r = x.sqrt(down);
        while (r.multiply(r).compareTo(x) > 0) r = r.subtract(r.ulp());
        return r;
    }

    /** A decimal r with r ≥ √x, checked exactly (r² ≥ x). */
    private BigDecimal sqrtUp(BigDecimal x) {
        if (x.signum() == 0) return BigDecimal.ZERO;
        BigDecimal r = x.sqrt(up);
        while (r.multiply(r).compareTo(x) < 0) r = r.add(r.ulp());
        return r;
    }

    /**
     * e^a = [e^{lo}, e^{hi}] (exp is increasing), each end from {@link #expOf(BigDecimal)}.
     */
    public Interval exp(Interval a) {
        Interval low = expOf(a.lower());
        if (a.lower().compareTo(a.upper()) == 0) return low;
        return new Interval(low.lower(), expOf(a.upper()).upper());
    }

    /**
     * An interval holding e^x for an exact decimal x (|x| ≤ 10^6). Argument halving: y = x/2^k exactly (a
     * decimal times 5^k/10^k) with |y| ≤ 1/2; the series Σ_{i&lt;m} y^i/i! is summed in interval arithmetic
     * and its tail bounded by |Σ_{i≥m} y^i/i!| ≤ (|y|^m/m!)·(m+1)/(m+1−|y|) ≤ 2|y|^m/m! (a geometric series
     * of ratio |y|/(m+1) ≤ 1/4); then the enclosure is squared k times. Each squaring doubles the relative
     * width, so the work is done at digits + 0.31·k + 4 and rounded outward to {@code digits} at the end.
     */
    public Interval expOf(BigDecimal x) {
        if (x.signum() == 0) return Interval.ONE;
        if (x.abs().compareTo(EXP_LIMIT) > 0) throw new ArithmeticException("exp argument out of range: |" + x + "| > 10^6");
        int k = 0;
        BigDecimal y = x;
        double magnitude = Math.abs(x.doubleValue());
        while (magnitude > 0.25) {
            magnitude /= 2;
            k++;
        }
        if (k > 0) y = x.multiply(FIVE.pow(k)).scaleByPowerOfTen(-k);
        while (y.abs().compareTo(HALF) > 0) {
            y = y.multiply(FIVE).scaleByPowerOfTen(-1);
            k++;
        }
        IntervalArithmetic w = new IntervalArithmetic(digits + 4 + (3 * k + 9) / 10);
        BigDecimal negligible = BigDecimal.ONE.scaleByPowerOfTen(-(w.digits + 1));
        Interval yi = Interval.point(y);
        Interval sum = Interval.ONE;
        Interval term = Interval.ONE;
        for (int i = 1; ; i++) {
            term = w.divide(w.multiply(term, yi), i); // holds y^i / i!
            if (term.magnitude().compareTo(negligible) <= 0) {
                BigDecimal tail = term.magnitude().multiply(TWO); // ≥ |Σ_{j≥i} y^j/j!|
                sum = w.add(sum, new Interval(tail.negate(), tail));
                break;
            }
            sum = w.add(sum, term);
        }
        for (int i = 0; i < k; i++) sum = w.square(sum);
        return round(sum);
    }

    /** An exact decimal inside a, near its midpoint, with at most {@code digits} significant digits. */
    public BigDecimal midpoint(Interval a) {
        BigDecimal m = a.lower().add(a.upper()).multiply(HALF).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (m.compareTo(a.lower()) < 0) return a.lower();
        if (m.compareTo(a.upper()) > 0) return a.upper();
        return m;
    }

    /** An upper bound of max(|lo|, |hi|) with {@code digits} digits. */
    public BigDecimal magnitudeUp(Interval a) { return a.magnitude().round(up); }

    /** The interval [−r, r] for r ≥ 0. */
    public static Interval symmetric(BigDecimal r) { return new Interval(r.negate(), r); }
}
