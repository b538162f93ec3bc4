package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

class TanhSinhQuadratureTest {

    private static final long P = 60;

    private static void assertIntegral(UnaryOperator<Apfloat> f, String a, String b, Apfloat exact, String what) {
        TanhSinhQuadrature.Result r = TanhSinhQuadrature.atPrecision(P).integrate(f, new Apfloat(a, P), new Apfloat(b, P));
        double err = ApfloatMath.abs(r.value().subtract(exact)).doubleValue();
        assertTrue(err < 1e-50, () -> what + ": error " + err + " (level " + r.level() + ")");
        // the estimate is honest: it bounds the true error
        assertTrue(err <= r.error().doubleValue() + 1e-58, () -> what + ": error " + err + " above its estimate " + r.error());
    }

    @Test
    void exponential() {
        // ExpSeries is checked against ApfloatMath.exp in its own test; Apfloat's exp per node would be slow.
        assertIntegral(x -> ExpSeries.exp(x, P), "0", "1", ApfloatMath.e(P + 10).subtract(Apfloat.ONE), "∫_0^1 e^x");
    }

    @Test
    void arctangentDerivativeGivesPi() {
        Apfloat four = new Apfloat(4, P), one = new Apfloat(1, P);
        assertIntegral(x -> four.divide(one.add(x.multiply(x))), "0", "1", ApfloatMath.pi(P + 10), "∫_0^1 4/(1+x²)");
    }

    @Test
    void quarterCircleWithSingularDerivativeAtTheEnd() {
        Apfloat one = new Apfloat(1, P);
        assertIntegral(x -> ApfloatMath.sqrt(one.subtract(x.multiply(x))), "0", "1",
                ApfloatMath.pi(P + 10).divide(new Apfloat(4)), "∫_0^1 √(1−x²)");
    }

    @Test
    void reciprocalOnAShiftedIntervalGivesTheLogarithm() {
        Apfloat one = new Apfloat(1, P);
        assertIntegral(x -> one.divide(x), "1", "3", ApfloatMath.log(new Apfloat(3, P + 10)), "∫_1^3 dx/x");
    }

    @Test
    void emptyIntervalIsZero() {
        Apfloat a = new Apfloat("0.5", P);
        assertTrue(TanhSinhQuadrature.atPrecision(P).integrate(x -> x, a, a).value().signum() == 0);
    }
}
