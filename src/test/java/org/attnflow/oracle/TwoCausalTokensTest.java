package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwoCausalTokensTest {

    private static double abs(Apfloat x) { return ApfloatMath.abs(x).doubleValue(); }

    /** φ' = −sin φ / (1 + e^{β(1−cos φ)}) written out here from spec/math.md, in Apfloat. */
    private static Apfloat angleRate(Apfloat phi, Apfloat beta) {
        long p = phi.precision();
        Apfloat one = new Apfloat(1, p);
        return ApfloatMath.sin(phi).negate().divide(one.add(ApfloatMath.exp(beta.multiply(one.subtract(ApfloatMath.cos(phi))))));
    }

    @ParameterizedTest
    @CsvSource({"1, 0.25", "9, 20", "0.5, 40"})
    void angleSatisfiesTheOdeByCentralDifferences(String beta, String t) {
        TwoCausalTokens o = TwoCausalTokens.ofAngle(new BigDecimal(beta), new BigDecimal("2.5"));
        BigDecimal tt = new BigDecimal(t), h = new BigDecimal("1e-15");
        Apfloat phi = o.angleAt(tt, 50);
        Apfloat plus = o.angleAt(tt.add(h), 50), minus = o.angleAt(tt.subtract(h), 50);
        Apfloat difference = plus.subtract(minus).divide(new Apfloat("2e-15", 50));
        Apfloat rate = angleRate(phi.precision(50), new Apfloat(beta, 50));
        // central difference error ~h²|φ'''| ≈ 1e-30, rounding 1e-50/1e-15 = 1e-35
        assertTrue(abs(difference.subtract(rate)) < 1e-28 * Math.max(1, abs(rate)), () -> "rate " + rate + " vs difference " + difference);
    }

    @ParameterizedTest
    @CsvSource({"1, 0.25", "9, 20"})
    void newtonInverseRoundTrips(String beta, String t) {
        TwoCausalTokens o = TwoCausalTokens.ofAngle(new BigDecimal(beta), new BigDecimal("2.5"));
        BigDecimal tt = new BigDecimal(t);
        // T is steep where e^{β(1−cos φ)} is large: hand it more digits of φ than asked of T.
        Apfloat phi = o.angleAt(tt, 62);
        Apfloat back = o.timeToReach(phi, 50);
        assertTrue(abs(back.subtract(new Apfloat(t, 60))) < 1e-45, () -> "T(angleAt(" + t + ")) = " + back);
    }

    @Test
    void timeMatchesTheOriginalTrigonometricIntegral() {
        // spec/math.md §5: T = ln(tan(φ0/2)/tan(φ/2)) + ∫_φ^φ0 e^{β(1−cos u)}/sin u du, integrated here in u with
        // Apfloat's tan (sin u and 1 − cos u from τ = tan(u/2)), not in the oracle's variable y. (The exp is
        // ExpSeries, checked against ApfloatMath.exp in its own test: Apfloat's costs ~1 ms a node.)
        long p = 28;
        Apfloat beta = new Apfloat("3.5", p), phi0 = new Apfloat("2.25", p), phi = new Apfloat("0.75", p);
        Apfloat one = new Apfloat(1, p), two = new Apfloat(2);
        Apfloat logs = ApfloatMath.log(ApfloatMath.tan(phi0.divide(two)).divide(ApfloatMath.tan(phi.divide(two))));
        Apfloat integral = TanhSinhQuadrature.atPrecision(p).integrate(u -> {
            Apfloat tau = ApfloatMath.tan(u.divide(two)), onePlus = one.add(tau.multiply(tau));
            Apfloat sin = two.multiply(tau).divide(onePlus), oneMinusCos = two.multiply(tau).multiply(tau).divide(onePlus);
            return ExpSeries.exp(beta.multiply(oneMinusCos), p).divide(sin);
        }, phi, phi0).value();
        Apfloat expected = logs.add(integral);
        Apfloat got = TwoCausalTokens.ofAngle(new BigDecimal("3.5"), new BigDecimal("2.25")).timeToReach(phi, 22);
        assertTrue(abs(got.subtract(expected)) < 1e-20, () -> got + " vs " + expected);
    }

    @Test
    void betaZeroIsTheHalfAngleExponential() {
        // φ' = −sin φ/2  ⇒  tan(φ/2) = tan(φ0/2) e^{−t/2}
        long p = 60;
        TwoCausalTokens o = TwoCausalTokens.ofAngle(BigDecimal.ZERO, new BigDecimal("1.75"));
        for (String t : new String[] {"0", "0.5", "7", "90"}) {
            Apfloat tt = new Apfloat(t, p);
            Apfloat expected = ApfloatMath.atan(ApfloatMath.tan(new Apfloat("1.75", p).divide(new Apfloat(2)))
                    .multiply(ApfloatMath.exp(tt.negate().divide(new Apfloat(2))))).multiply(new Apfloat(2));
            Apfloat got = o.angleAt(new BigDecimal(t), 50);
            assertTrue(abs(got.subtract(expected).divide(expected)) < 1e-49, () -> "t = " + t + ": " + got + " vs " + expected);
        }
    }

    @Test
    void tinyBetaThroughTheQuadratureApproachesTheBetaZeroFormula() {
        // β = 1e-20 takes the quadrature path; its angle differs from the β = 0 closed form by O(β).
        Apfloat quadrature = TwoCausalTokens.ofAngle(new BigDecimal("1e-20"), new BigDecimal("1.75")).angleAt(new BigDecimal("3"), 45);
        Apfloat closed = TwoCausalTokens.ofAngle(BigDecimal.ZERO, new BigDecimal("1.75")).angleAt(new BigDecimal("3"), 45);
        double diff = abs(quadrature.subtract(closed));
        assertTrue(diff < 1e-19 && diff > 1e-23, () -> "difference " + diff + " should be of the order of β");
    }

    @Test
    void stateIsOnTheSphereAtTheOracleAngleAndMovesWithTheCausalField() {
        Random rng = new Random(7);
        int d = 3;
        double[] x1 = new double[d], x2 = new double[d];
        for (int c = 0; c < d; c++) { x1[c] = rng.nextGaussian(); x2[c] = rng.nextGaussian(); }
        double beta = 2.5;
        TwoCausalTokens o = TwoCausalTokens.ofTokens(beta, x1, x2);
        BigDecimal t = new BigDecimal("1.25"), h = new BigDecimal("1e-12");
        Apfloat[] x = o.stateAt(t, 40);
        Apfloat phi = o.angleAt(t, 40);
        Apfloat[] a = java.util.Arrays.copyOfRange(x, 0, d), b = java.util.Arrays.copyOfRange(x, d, 2 * d);
        assertTrue(abs(Apfloats.dot(a, a).subtract(Apfloat.ONE)) < 1e-38);
        assertTrue(abs(Apfloats.dot(b, b).subtract(Apfloat.ONE)) < 1e-38);
        assertTrue(abs(Apfloats.dot(a, b).subtract(ApfloatMath.cos(phi))) < 1e-38);
        // token 1 never moves: it is x1(0)/|x1(0)|
        double n1 = Math.sqrt(x1[0] * x1[0] + x1[1] * x1[1] + x1[2] * x1[2]);
        for (int c = 0; c < d; c++) assertEquals(x1[c] / n1, x[c].doubleValue(), 1e-15);
        // dx/dt by central differences equals the M3 field of the double code
        Apfloat[] plus = o.stateAt(t.add(h), 40), minus = o.stateAt(t.subtract(h), 40);
        double[] state = Apfloats.toDoubles(x);
        double[] velocity = new double[2 * d];
        new ScalarAttentionField(AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, beta, d), 2)
                .velocity(state, velocity);
        for (int k = 0; k < 2 * d; k++) {
            double fd = plus[k].subtract(minus[k]).divide(new Apfloat("2e-12", 40)).doubleValue();
            assertEquals(velocity[k], fd, 1e-14, "component " + k);
        }
    }

    @Test
    void doubleAccessorsMatchHighPrecision() {
        TwoCausalTokens o = TwoCausalTokens.ofAngle(new BigDecimal("4"), new BigDecimal("2"));
        double t = 0.7;
        double phi = o.angleAt(t);
        assertEquals(o.angleAt(new BigDecimal(t), 30).doubleValue(), phi, Math.ulp(phi));
        double[] x = o.stateAt(t);
        assertEquals(Math.cos(phi), x[2], 2e-16);
        assertEquals(Math.sin(phi), x[3], 2e-16);
    }

    @Test
    void invalidStartsAreRejected() {
        BigDecimal[] e1 = {BigDecimal.ONE, BigDecimal.ZERO}, minusE1 = {BigDecimal.ONE.negate(), BigDecimal.ZERO};
        assertThrows(IllegalArgumentException.class, () -> TwoCausalTokens.ofTokens(BigDecimal.ONE, e1, minusE1));
        assertThrows(IllegalArgumentException.class, () -> TwoCausalTokens.ofTokens(BigDecimal.ONE, e1, e1));
        assertThrows(IllegalArgumentException.class, () -> TwoCausalTokens.ofAngle(BigDecimal.ONE, new BigDecimal("3.1416")));
        assertThrows(IllegalArgumentException.class, () -> TwoCausalTokens.ofAngle(BigDecimal.ONE, BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TwoCausalTokens.ofAngle(new BigDecimal("-1"), BigDecimal.ONE));
    }
}
