package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.DecimalMatrix;
import org.junit.jupiter.api.Test;

class LinearFlowTest {

    private static DecimalMatrix rotationPlusScaling() {
        // V = [[a, −ω], [ω, a]]: e^{tV}x0 = e^{at} R(ωt) x0.
        return DecimalMatrix.of(2, 2, new BigDecimal[] {
            new BigDecimal("0.3"), new BigDecimal("-1.1"), new BigDecimal("1.1"), new BigDecimal("0.3")});
    }

    @Test
    void linearFlowMatchesTheClosedFormTo45Digits() {
        LinearFlow flow = new LinearFlow(rotationPlusScaling(), new BigDecimal[] {new BigDecimal("0.6"), new BigDecimal("-0.8")});
        BigDecimal t = new BigDecimal("4.25");
        Apfloat[] x = flow.stateAt(t, 50);
        long p = 70;
        Apfloat tt = new Apfloat("4.25", p);
        Apfloat r = ApfloatMath.exp(new Apfloat("0.3", p).multiply(tt));
        Apfloat c = ApfloatMath.cos(new Apfloat("1.1", p).multiply(tt)), s = ApfloatMath.sin(new Apfloat("1.1", p).multiply(tt));
        Apfloat x0 = new Apfloat("0.6", p), y0 = new Apfloat("-0.8", p);
        Apfloat ex = r.multiply(c.multiply(x0).subtract(s.multiply(y0)));
        Apfloat ey = r.multiply(s.multiply(x0).add(c.multiply(y0)));
        assertTrue(ApfloatMath.abs(ex.subtract(x[0])).doubleValue() < 1e-45 * 4);
        assertTrue(ApfloatMath.abs(ey.subtract(x[1])).doubleValue() < 1e-45 * 4);
    }

    @Test
    void singleTokenStaysUnitAndFollowsTheRotation() {
        SingleToken token = new SingleToken(rotationPlusScaling(), new BigDecimal[] {new BigDecimal("3"), new BigDecimal("4")});
        Apfloat[] x = token.stateAt(new BigDecimal("2.5"), 50);
        Apfloat norm2 = x[0].multiply(x[0]).add(x[1].multiply(x[1]));
        assertTrue(ApfloatMath.abs(norm2.subtract(Apfloat.ONE)).doubleValue() < 1e-48);
        // direction: the angle of (3,4) advanced by ωt = 2.75
        long p = 70;
        Apfloat angle = ApfloatMath.atan2(new Apfloat(4, p), new Apfloat(3, p)).add(new Apfloat("2.75", p));
        assertTrue(ApfloatMath.abs(ApfloatMath.cos(angle).subtract(x[0])).doubleValue() < 1e-48);
        assertTrue(ApfloatMath.abs(ApfloatMath.sin(angle).subtract(x[1])).doubleValue() < 1e-48);
    }

    @Test
    void decayingDirectionKeepsItsRelativeDigits() {
        // V = diag(−5, 1), x0 along the decaying axis: x(t) = e^{−5t} e_1 is tiny next to ‖e^{tV}‖ = e^t.
        DecimalMatrix v = DecimalMatrix.of(2, 2, new BigDecimal[] {new BigDecimal("-5"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE});
        Apfloat[] x = new LinearFlow(v, new BigDecimal[] {BigDecimal.ONE, BigDecimal.ZERO}).stateAt(new BigDecimal("6"), 40);
        Apfloat exact = ApfloatMath.exp(new Apfloat(-30, 60));
        assertTrue(ApfloatMath.abs(x[0].subtract(exact)).divide(exact).doubleValue() < 1e-39);
        assertEquals(0, x[1].signum());
    }

    @Test
    void doubleAccessorsAgreeWithHighPrecision() {
        SingleToken token = SingleToken.of(rotationPlusScaling(), new double[] {0.1, 0.7});
        double[] x = token.stateAt(1.3);
        Apfloat[] hi = token.stateAt(new BigDecimal(1.3), 40);
        for (int i = 0; i < 2; i++) assertEquals(hi[i].doubleValue(), x[i], Math.ulp(x[i]), "within one ulp of the 40-digit value");
    }
}
