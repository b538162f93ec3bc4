package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The equiangular oracle of every normalisation scheme against the 40-digit values of spec/math.md §9.3 (mpmath's
 * Taylor solver, spec/checks/equiangular_reference_values.py): softmax, n = 3, β = 1, r_0 = 1.5, α = 0.5, τ = 0.5,
 * t = 2. And the closed forms it must reproduce: O2 for post-LN, the initial velocities of §7.3.
 */
class EquiangularSchemesTest {

    static EquiangularSchemes paperCase(LayerNorm scheme) {
        return new EquiangularSchemes(scheme, Normalization.SOFTMAX, 3, BigDecimal.ONE, new BigDecimal("1.5"), new BigDecimal("0.5"),
                new BigDecimal("0.5"), 1, HeadCombine.SUM);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            post,       0.89476569278206401820790649543469, 1.5
            pre,        0.50923842436030617324721182511407, 2.7946111018946664483605187788171
            peri,       0.61517979506085397922905478142737, 3.2563740692138895095239643358942
            ngpt,       0.67784181646540803528163618621293, 1.5
            ln-scaling, 0.74290341394264094533049324565607, 1.5
            mix,        0.65619073425637629023438471509829, 2.578184843352842401204980059972
            """)
    void reproducesTheFortyDigitValues(String key, String gamma, String radius) {
        Apfloat[] y = paperCase(LayerNorm.fromKey(key)).at(new BigDecimal(2), 30);
        Apfloat dg = ApfloatMath.abs(y[0].subtract(new Apfloat(gamma, 40)));
        Apfloat dr = ApfloatMath.abs(y[1].subtract(new Apfloat(radius, 40)));
        System.out.printf("%s: |gamma - ref| = %s, |r - ref| = %s%n", key, dg.precision(3), dr.precision(3));
        assertTrue(dg.compareTo(new Apfloat("1e-29")) <= 0, key + ": gamma off by " + dg.precision(3));
        assertTrue(dr.compareTo(new Apfloat("1e-29")) <= 0, key + ": r off by " + dr.precision(3));
    }

    /** Post-LN is O2 (an independent quadrature-and-Newton oracle), for every normalisation. */
    @Test
    void postIsO2() {
        for (Normalization norm : Normalization.values()) {
            EquiangularSchemes schemes = new EquiangularSchemes(LayerNorm.POST, norm, 4, new BigDecimal("0.7"), BigDecimal.ONE, null, null, 1, HeadCombine.SUM);
            EquiangularStart o2 = new EquiangularStart(norm, 4, new BigDecimal("0.7"));
            BigDecimal t = new BigDecimal("1.25");
            Apfloat d = ApfloatMath.abs(schemes.at(t, 22)[0].subtract(o2.gammaAt(t, 24)));
            assertTrue(d.compareTo(new Apfloat("1e-21")) <= 0, norm + ": " + d.precision(3));
        }
    }

    /** §7.3's initial velocities γ̇(0) (softmax): a difference quotient of the oracle over 10^-12 meets them to 1e-10. */
    @Test
    void initialVelocitiesAreThoseOfSection73() {
        double n = 3, beta = 1, r0 = 1.5, alpha = 0.5, e = Math.exp(beta);
        double post = 2 / (e + n - 1), m = Math.sqrt(Math.exp(2 * beta) + n - 1);
        double[][] expected = {{post}, {post / r0}, {2 / (r0 * m)}, {2 * alpha / m}, {post}, {post}};
        LayerNorm[] schemes = {LayerNorm.POST, LayerNorm.PRE, LayerNorm.PERI, LayerNorm.NGPT, LayerNorm.LN_SCALING, LayerNorm.MIX};
        for (int s = 0; s < schemes.length; s++) {
            Apfloat g = paperCase(schemes[s]).at(new BigDecimal("1e-12"), 40)[0];
            double slope = g.multiply(new Apfloat("1e12", 40)).doubleValue();
            assertEquals(expected[s][0], slope, 1e-10, schemes[s].key());
        }
    }
}
