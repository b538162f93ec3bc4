package org.attnflow.reference;

import java.math.BigDecimal;
import java.math.MathContext;

import org.apfloat.Apfloat;
import org.attnflow.model.SolverSettings;

/**
 * The arithmetic of one reference run: the user's decimal {@code digits} plus {@code guard} digits, so that the
 * rounding of a long run stays below the digits the user asked for. Every constant of the run is made here, at
 * working precision, from exact decimals or integers: never from a double (a double 0.1 is a 55-digit binary
 * fraction, and {@code new Apfloat(2)} has infinite precision, which sqrt and exp refuse; spec/math.md §6).
 *
 * @param digits the decimal digits the user asked for: the run aims at an error below 10^-digits
 * @param guard  extra digits carried by every operation
 */
public record WorkingPrecision(int digits, int guard) {

    /** Guard digits when the scenario does not say otherwise: 10^-10 of slack for rounding over ~10^6 steps. */
    public static final int DEFAULT_GUARD = 10;

    /** DBL_DIG: the digits of a decimal that a double always keeps. */
    private static final MathContext DOUBLE_DECIMAL_DIGITS = new MathContext(15);

    public WorkingPrecision {
        String few = SolverSettings.tooFewDigits(digits);
        if (few != null) throw new IllegalArgumentException("digits " + few);
        if (guard < 2) throw new IllegalArgumentException("guard digits must be >= 2, got " + guard);
    }

    public static WorkingPrecision forDigits(int digits) { return new WorkingPrecision(digits, DEFAULT_GUARD); }

    /** Decimal digits carried by every number: digits + guard. */
    public long precision() { return (long) digits + guard; }

    /** The same run with {@code extra} more digits (used for the finer of the two error-estimating solutions). */
    public WorkingPrecision plus(int extra) { return new WorkingPrecision(digits + extra, guard); }

    /** The integer {@code value} at working precision. */
    public Apfloat of(long value) { return new Apfloat(value, precision()); }

    /** The exact decimal {@code value} at working precision. */
    public Apfloat of(BigDecimal value) { return new Apfloat(value, precision()); }

    /** The decimal written in {@code value} (e.g. "0.5") at working precision. */
    public Apfloat of(String value) { return new Apfloat(value, precision()); }

    /** 10^-exponent at working precision (tolerances, thresholds). */
    public Apfloat tenToMinus(long exponent) { return new Apfloat("1e-" + exponent, precision()); }

    /**
     * The decimal that a double time or step stands for: its value rounded to 15 significant digits. Every
     * decimal of at most 15 digits survives the trip through a double unchanged (DBL_DIG), so a time written
     * "0.1" is 1/10 here, and grid times formed as i·every in double (3·0.1 = 0.30000000000000004) come back as
     * the intended 0.3.
     */
    public Apfloat ofTime(double t) {
        if (!Double.isFinite(t)) throw new IllegalArgumentException("time " + t + " is not finite");
        return of(new BigDecimal(t).round(DOUBLE_DECIMAL_DIGITS));
    }
}
