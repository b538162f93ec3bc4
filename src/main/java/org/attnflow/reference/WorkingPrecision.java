package org.attnflow.reference;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;

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
     * The decimal that a double time or step stands for ({@link TimeGrid#decimal}: its value rounded to 15
     * significant digits, so 3·0.1 = 0.30000000000000004 comes back as the intended 0.3), at working precision.
     */
    public Apfloat ofTime(double t) {
        return of(TimeGrid.decimal(t));
    }
}
