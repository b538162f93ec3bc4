package org.attnflow.enclosure.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/**
 * The interval operations against exact rational arithmetic on seeded random inputs: every exact result of the
 * real operation on members of the operands must lie in the computed interval (checked on exact decimals: sums,
 * differences and products exactly, quotients by cross-multiplication, square roots by squaring, exp against
 * Apfloat at 40 more digits), and point operands must give results at most a few units in the last place wide.
 * Mutants that round one operation inward (or to nearest) must make the same check fail.
 */
class IntervalArithmeticTest {
    private static final int TRIALS = 250;

    @Test
    void everyOperationEnclosesTheExactResultsOnRandomInputs() {
        for (int digits : new int[] {5, 12, 30}) {
            List<String> violations = check(new IntervalArithmetic(digits), new Random(digits), false);
            assertTrue(violations.isEmpty(), digits + " digits: " + violations.size() + " violations, first: " + first(violations));
        }
    }

    @Test
    void pointOperandsGiveResultsAFewUlpsWide() {
        Random rng = new Random(3);
        IntervalArithmetic ar = new IntervalArithmetic(20);
        for (int t = 0; t < TRIALS; t++) {
            Interval a = Interval.point(decimal(rng)), b = Interval.point(nonZero(rng));
            Interval e = ar.exp(Interval.point(expArgument(rng)));
            for (Interval r : new Interval[] {ar.add(a, b), ar.subtract(a, b), ar.multiply(a, b), ar.divide(a, b), e}) {
                BigDecimal ulp = r.upper().abs().max(r.lower().abs()).round(new MathContext(20)).ulp();
                assertTrue(r.width().compareTo(ulp.multiply(BigDecimal.valueOf(2))) <= 0, "too wide: " + r + " for " + a + ", " + b);
            }
        }
    }

    @Test
    void directedRoundingOnKnownValues() {
        IntervalArithmetic ar = new IntervalArithmetic(5);
        Interval one = Interval.ONE, tiny = Interval.point(new BigDecimal("1E-9"));
        assertEquals(new Interval(new BigDecimal("1.0000"), new BigDecimal("1.0001")), ar.add(one, tiny));
        assertEquals(new Interval(new BigDecimal("0.99999"), new BigDecimal("1.0000")), ar.subtract(one, tiny));
        Interval third = ar.divide(one, Interval.point(new BigDecimal(3)));
        assertEquals(new Interval(new BigDecimal("0.33333"), new BigDecimal("0.33334")), third);
        Interval e = ar.exp(one);
        assertEquals(new Interval(new BigDecimal("2.7182"), new BigDecimal("2.7183")), e);
        assertEquals(new Interval(new BigDecimal("1.4142"), new BigDecimal("1.4143")), ar.sqrt(Interval.point(new BigDecimal(2))));
        assertThrows(ArithmeticException.class, () -> ar.divide(one, new Interval(new BigDecimal(-1), BigDecimal.ONE)));
        assertThrows(IllegalArgumentException.class, () -> new Interval(BigDecimal.ONE, BigDecimal.ZERO));
    }

    @Test
    void expEnclosesOverAWideRangeOfArguments() {
        IntervalArithmetic ar = new IntervalArithmetic(25);
        for (String x : new String[] {"-700.5", "-20", "-0.5", "1E-30", "0.25", "3", "9", "64.125", "1000", "123456.7"}) {
            BigDecimal arg = new BigDecimal(x);
            Interval e = ar.expOf(arg);
            Apfloat exact = ApfloatMath.exp(new Apfloat(arg, 80));
            assertTrue(inside(e, exact, 70), "exp(" + x + ") = " + exact.toString(true) + " not in " + e);
            Apfloat relative = ApfloatMath.abs(new Apfloat(e.width(), 80).divide(exact));
            assertTrue(relative.compareTo(new Apfloat("1E-23", 80)) < 0, "exp(" + x + ") too wide: " + e);
        }
    }

    // --- the planted mutants -------------------------------------------------------------------------------

    /** add rounds both ends inward (FLOOR and CEILING swapped). */
    static final class InwardAdd extends IntervalArithmetic {
        InwardAdd(int digits) { super(digits); }

        @Override
        public Interval add(Interval a, Interval b) {
            return new Interval(a.lower().add(b.lower(), up()), a.upper().add(b.upper(), down()));
        }
    }

    /** multiply rounds to nearest instead of outward. */
    static final class NearestMultiply extends IntervalArithmetic {
        NearestMultiply(int digits) { super(digits); }

        @Override
        public Interval multiply(Interval a, Interval b) {
            Interval outward = super.multiply(a, b);
            MathContext nearest = new MathContext(digits(), RoundingMode.HALF_EVEN);
            BigDecimal l = a.lower().multiply(b.lower()).min(a.lower().multiply(b.upper())).min(a.upper().multiply(b.lower())).min(a.upper().multiply(b.upper()));
            BigDecimal h = a.lower().multiply(b.lower()).max(a.lower().multiply(b.upper())).max(a.upper().multiply(b.lower())).max(a.upper().multiply(b.upper()));
            return outward.isZero() ? outward : new Interval(l.round(nearest), h.round(nearest).max(l.round(nearest)));
        }
    }

    /** the final outward rounding (used by every interval sum) rounds the upper end down. */
    static final class InwardRound extends IntervalArithmetic {
        InwardRound(int digits) { super(digits); }

        @Override
        public Interval round(Interval x) {
            BigDecimal l = x.lower().round(down()), h = x.upper().round(down());
            return new Interval(l, h.max(l));
        }
    }

    /** exp without the bound on the series' tail. */
    static final class TruncatedExp extends IntervalArithmetic {
        TruncatedExp(int digits) { super(digits); }

        @Override
        public Interval expOf(BigDecimal x) {
            IntervalArithmetic few = new IntervalArithmetic(digits());
            Interval sum = Interval.ONE, term = Interval.ONE, xi = Interval.point(x);
            for (int i = 1; i <= 6; i++) {
                term = few.divide(few.multiply(term, xi), i);
                sum = few.add(sum, term);
            }
            return sum;
        }
    }

    @Test
    void mutantsThatRoundInwardAreCaught() {
        IntervalArithmetic[] mutants = {new InwardAdd(12), new NearestMultiply(12), new InwardRound(12), new TruncatedExp(12)};
        for (IntervalArithmetic mutant : mutants) {
            List<String> violations = check(mutant, new Random(12), true);
            assertTrue(!violations.isEmpty(), mutant.getClass().getSimpleName() + " was not caught");
        }
    }

    // --- the checker -------------------------------------------------------------------------------------------

    /**
     * Every violation of containment (or of lower ≤ upper) found on random inputs (the first one only when
     * {@code stopAtFirst}); empty for a correct arithmetic.
     */
    static List<String> check(IntervalArithmetic ar, Random rng, boolean stopAtFirst) {
        List<String> bad = new ArrayList<>();
        for (int t = 0; t < TRIALS && !(stopAtFirst && !bad.isEmpty()); t++) {
            Interval a = interval(rng), b = interval(rng);
            BigDecimal u = member(a, rng), v = member(b, rng);
            String what = "a = " + a + ", b = " + b + ", u = " + u + ", v = " + v;
            try {
                expect(bad, "add", ar.add(a, b), u.add(v), what);
                expect(bad, "subtract", ar.subtract(a, b), u.subtract(v), what);
                expect(bad, "multiply", ar.multiply(a, b), u.multiply(v), what);
                expect(bad, "multiply by a point", ar.multiply(a, v), u.multiply(v), what);
                expect(bad, "square", ar.square(a), u.multiply(u), what);
                expect(bad, "round", ar.round(a), u, what);
                expect(bad, "interval sum", new IntervalSum(ar).add(a).addProduct(a, b, 3).subtract(b).addProduct(b, v).round(), u.add(u.multiply(v).multiply(BigDecimal.valueOf(3))).subtract(v).add(v.multiply(v)), what);
                if (!b.containsZero()) expectQuotient(bad, ar.divide(a, b), u, v, what);
                int k = 1 + rng.nextInt(9);
                expectQuotient(bad, ar.divide(a, k), u, BigDecimal.valueOf(k), what);
                Interval sq = new Interval(a.lower().abs().min(a.upper().abs()), a.magnitude());
                if (a.containsZero()) sq = new Interval(BigDecimal.ZERO, a.magnitude());
                BigDecimal w = member(sq, rng);
                Interval root = ar.sqrt(sq);
                if (root.lower().multiply(root.lower()).compareTo(w) > 0 || root.upper().multiply(root.upper()).compareTo(w) < 0) {
                    bad.add("sqrt: " + root + " misses sqrt(" + w + ")");
                }
                if (t % 3 == 0) { // Apfloat's exp is the slow part of the check
                    BigDecimal x = expArgument(rng);
                    Apfloat exact = ApfloatMath.exp(new Apfloat(x, ar.digits() + 40));
                    Interval e = ar.exp(Interval.point(x));
                    if (!inside(e, exact, ar.digits() + 35)) bad.add("exp: " + e + " misses exp(" + x + ") = " + exact);
                }
            } catch (IllegalArgumentException e) {
                bad.add("lower > upper: " + e.getMessage() + " (" + what + ")");
            }
        }
        return bad;
    }

    private static void expect(List<String> bad, String op, Interval r, BigDecimal exact, String what) {
        if (!r.contains(exact)) bad.add(op + ": " + r + " misses " + exact + " (" + what + ")");
    }

    /** r must hold u/v: lo·v ≤ u ≤ hi·v for v &gt; 0 (reversed for v &lt; 0), all exact. */
    private static void expectQuotient(List<String> bad, Interval r, BigDecimal u, BigDecimal v, String what) {
        int s = v.signum();
        boolean ok = r.lower().multiply(v).compareTo(u) * s <= 0 && r.upper().multiply(v).compareTo(u) * s >= 0;
        if (!ok) bad.add("divide: " + r + " misses " + u + "/" + v + " (" + what + ")");
    }

    /** True when e holds the value known to {@code digits} significant digits (widened by that much). */
    static boolean inside(Interval e, Apfloat exact, long digits) {
        Apfloat slack = ApfloatMath.abs(exact).multiply(new Apfloat("1E-" + digits, digits + 10));
        Apfloat lo = new Apfloat(e.lower(), digits + 10), hi = new Apfloat(e.upper(), digits + 10);
        return lo.compareTo(exact.add(slack)) <= 0 && exact.subtract(slack).compareTo(hi) <= 0;
    }

    /** A random exact decimal: 1 to 40 digits, exponent −12..6, either sign. */
    static BigDecimal decimal(Random rng) {
        int digits = 1 + rng.nextInt(40);
        BigInteger unscaled = new BigInteger(digits * 10 / 3 + 1, rng).mod(BigInteger.TEN.pow(digits));
        BigDecimal x = new BigDecimal(unscaled, rng.nextInt(digits + 12) - 6 + (digits > 10 ? digits - 10 : 0));
        return rng.nextBoolean() ? x : x.negate();
    }

    /** An exp argument in (−800, 800) with up to 15 digits. */
    static BigDecimal expArgument(Random rng) {
        BigDecimal x = new BigDecimal(rng.nextDouble() * 1600 - 800).round(new MathContext(1 + rng.nextInt(15)));
        return rng.nextInt(4) == 0 ? x.movePointLeft(3 + rng.nextInt(20)) : x;
    }

    static BigDecimal nonZero(Random rng) {
        BigDecimal x = decimal(rng);
        return x.signum() == 0 ? BigDecimal.ONE : x;
    }

    /** A random interval: a point, a narrow one, or a wide one (possibly holding zero). */
    static Interval interval(Random rng) {
        BigDecimal a = decimal(rng);
        switch (rng.nextInt(3)) {
            case 0:
                return Interval.point(a);
            case 1:
                return new Interval(a, a.add(a.abs().multiply(new BigDecimal("1E-8"))).add(new BigDecimal("1E-40")));
            default:
                BigDecimal b = decimal(rng);
                return new Interval(a.min(b), a.max(b));
        }
    }

    /** An exact decimal in the interval: an end or a random point between. */
    static BigDecimal member(Interval x, Random rng) {
        int which = rng.nextInt(4);
        if (which == 0) return x.lower();
        if (which == 1) return x.upper();
        BigDecimal f = new BigDecimal(rng.nextInt(1000)).movePointLeft(3);
        return x.lower().add(x.width().multiply(f));
    }

    private static String first(List<String> v) { return v.isEmpty() ? "" : v.get(0); }
}
