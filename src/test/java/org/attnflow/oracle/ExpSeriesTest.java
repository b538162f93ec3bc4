package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpSeriesTest {

    private static final long DIGITS = 60;

    /** Relative difference |a − b| / |b|, as a double (log scale is all a test needs). */
    static double relativeError(Apfloat a, Apfloat b) {
        return ApfloatMath.abs(a.subtract(b)).divide(ApfloatMath.abs(b)).doubleValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-30", "-3e-12", "0.000731", "0.5", "-0.5", "1", "2.718", "-7.25", "19.5", "-40.1", "128", "-300.75", "1234.5"})
    void expMatchesApfloatToTheLastDigits(String x) {
        Apfloat arg = new Apfloat(x, DIGITS + 30);
        Apfloat expected = ApfloatMath.exp(arg.precision(DIGITS + 30));
        Apfloat got = ExpSeries.exp(new Apfloat(x, DIGITS), DIGITS);
        assertTrue(relativeError(got, expected) < 1e-59, () -> "exp(" + x + "): " + got + " vs " + expected);
        assertEquals(DIGITS, got.precision());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-40", "-2.5e-25", "1e-9", "-0.001", "0.3", "-0.9", "6.5", "-33"})
    void expm1KeepsRelativePrecisionForTinyArguments(String x) {
        // Reference: exp at enough extra digits that subtracting 1 still leaves DIGITS + 10 correct.
        long extra = Math.max(0, -new Apfloat(x).scale()) + 20;
        Apfloat expected = ApfloatMath.exp(new Apfloat(x, DIGITS + extra)).subtract(new Apfloat(1, DIGITS + extra));
        Apfloat got = ExpSeries.expm1(new Apfloat(x, DIGITS), DIGITS);
        assertTrue(relativeError(got, expected) < 1e-59, () -> "expm1(" + x + "): " + got + " vs " + expected);
    }
}
