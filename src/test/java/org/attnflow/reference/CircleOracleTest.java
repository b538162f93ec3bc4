package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * O1, two causal tokens on the circle with Q = K = V = I: token 1 is fixed and the angle φ of token 2 obeys
 * φ' = −sin φ / (1 + e^{β(1 − cos φ)}), whose time from φ_0 to φ is
 * T(φ) = ln(tan(φ_0/2)/tan(φ/2)) + ∫_φ^{φ_0} e^{β(1 − cos u)}/sin u du (math.md §5).
 *
 * <p>The exact state at the reference's frame time t comes from the reference's own angle φ_r by one Newton step
 * on T(φ) = t: φ* = φ_r − (T(φ_r) − t) φ'(φ_r), exact up to (T(φ_r) − t)², i.e. to ~10^-70 here. The quadrature
 * runs at 75 digits with ApfloatMath (independent of the reference's fast exp) and is checked against a finer rule.
 */
class CircleOracleTest {
    private static final long P = 75;
    private static final Apfloat BETA = new Apfloat(4, P);

    @Test
    void twoCausalTokensAt40DigitsTo1e35WithAnHonestEstimate() {
        var model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "4", 2);
        var start = InitialCondition.of(TestScenarios.matrix(2, 2, "1", "0", "0.6", "0.8"));
        var run = TestScenarios.run(TestScenarios.scenario(model, start, TimeGrid.every(2, 0.5), TestScenarios.reference(40)));

        Apfloat phi0 = ApfloatMath.atan2(new Apfloat("0.8", P), new Apfloat("0.6", P));
        GaussLegendre rule = new GaussLegendre(36, P);
        GaussLegendre finer = new GaussLegendre(48, P);
        for (ReferenceFrame frame : run.frames()) {
            Apfloat[][] x = frame.tokens();
            // token 1 never moves: exactly (1, 0)
            assertTrue(x[0][0].compareTo(Apfloat.ONE) == 0 && x[0][1].signum() == 0, "token 1 moved to " + x[0][0] + ", " + x[0][1]);
            Apfloat c = x[1][0].precision(P);
            Apfloat s = x[1][1].precision(P);
            Apfloat phi = ApfloatMath.atan2(s, c);
            Apfloat t = frame.exactTime().precision(P);
            Apfloat timeToPhi = time(phi0, phi, rule);
            if (frame.index() == run.frames().size() - 1) {
                Apfloat check = time(phi0, phi, finer);
                assertTrue(ApfloatMath.abs(check.subtract(timeToPhi)).compareTo(new Apfloat("1e-60", P)) < 0, "quadrature has not converged");
            }
            Apfloat exactPhi = phi.subtract(timeToPhi.subtract(t).multiply(phiDot(phi)));
            Apfloat error = ApfloatMath.max(ApfloatMath.abs(c.subtract(ApfloatMath.cos(exactPhi))),
                    ApfloatMath.abs(s.subtract(ApfloatMath.sin(exactPhi))));
            System.out.printf("O1 frame %d: error %s, estimate %s%n", frame.index(), error.precision(3), frame.errorEstimateDecimal());
            assertTrue(error.compareTo(new Apfloat("1e-35")) <= 0, "frame " + frame.index() + ": error " + error.precision(3));
            assertTrue(error.compareTo(frame.errorEstimate()) <= 0,
                    "frame " + frame.index() + ": error " + error.precision(3) + " above its estimate " + frame.errorEstimateDecimal());
            assertTrue(frame.errorEstimate().compareTo(new Apfloat("1e-35")) <= 0, "estimate " + frame.errorEstimateDecimal() + " claims less than 35 digits");
        }
    }

    /** T(φ) = ln(tan(φ_0/2)/tan(φ/2)) + ∫_φ^{φ_0} e^{β(1 − cos u)}/sin u du. */
    private static Apfloat time(Apfloat phi0, Apfloat phi, GaussLegendre rule) {
        Apfloat one = new Apfloat(1, P);
        Apfloat logTerm = ApfloatMath.log(tanHalf(phi0).divide(tanHalf(phi)));
        Apfloat integral = rule.integrate(u -> ApfloatMath.exp(BETA.multiply(one.subtract(ApfloatMath.cos(u)))).divide(ApfloatMath.sin(u)), phi, phi0, 2);
        return logTerm.add(integral);
    }

    private static Apfloat tanHalf(Apfloat phi) { return ApfloatMath.sin(phi).divide(new Apfloat(1, P).add(ApfloatMath.cos(phi))); }

    /** φ' = −sin φ / (1 + e^{β(1 − cos φ)}). */
    private static Apfloat phiDot(Apfloat phi) {
        Apfloat one = new Apfloat(1, P);
        return ApfloatMath.sin(phi).negate().divide(one.add(ApfloatMath.exp(BETA.multiply(one.subtract(ApfloatMath.cos(phi))))));
    }
}
