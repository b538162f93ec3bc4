package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

class CausalCircleTest {

    private static double[] randomAngles(Random rng, int n) {
        double[] phi = new double[n];
        for (int k = 0; k < n; k++) phi[k] = (rng.nextDouble() * 2 - 1) * Math.PI;
        return phi;
    }

    @Test
    void angleFormMatchesTheCausalVectorField() {
        Random rng = new Random(17);
        for (double beta : new double[] {0, 1, 9, 64}) {
            int n = 9;
            double[] phi = randomAngles(rng, n), rate = new double[n];
            new CausalCircle(beta).angularVelocity(phi, rate);
            double[] expected = new double[2 * n];
            new ScalarAttentionField(AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, beta, 2), n)
                    .velocity(CausalCircle.toState(phi), expected);
            double[] got = CausalCircle.toVelocity(phi, rate);
            for (int k = 0; k < 2 * n; k++) assertEquals(expected[k], got[k], 1e-14, "beta " + beta + " entry " + k);
            assertEquals(0.0, rate[0], "token 0 attends only to itself");
        }
    }

    @Test
    void apfloatRightHandSideMatchesTheFormulaAt50Digits() {
        // the formula evaluated directly with Apfloat's cos, sin and exp of each difference
        long p = 50;
        String[] angles = {"0.3", "-1.25", "2.5", "0.3125", "-3"};
        Apfloat beta = new Apfloat("4.5", p + 10);
        Apfloat[] phi = new Apfloat[angles.length];
        for (int k = 0; k < phi.length; k++) phi[k] = new Apfloat(angles[k], p + 10);
        Apfloat[] got = new CausalCircle(new BigDecimal("4.5")).angularVelocity(phi, p);
        Apfloat one = new Apfloat(1, p + 10);
        for (int k = 0; k < phi.length; k++) {
            Apfloat z = Apfloat.ZERO, sum = Apfloat.ZERO;
            for (int j = 0; j <= k; j++) {
                Apfloat delta = phi[j].subtract(phi[k]);
                Apfloat w = ApfloatMath.exp(beta.multiply(ApfloatMath.cos(delta).subtract(one)));
                z = z.add(w);
                if (j < k) sum = sum.add(w.multiply(ApfloatMath.sin(delta)));
            }
            Apfloat expected = sum.divide(z);
            double err = ApfloatMath.abs(expected.subtract(got[k])).doubleValue();
            assertTrue(err < 1e-49, "token " + k + ": error " + err);
        }
        double[] phiDouble = new double[angles.length], rate = new double[angles.length];
        for (int k = 0; k < angles.length; k++) phiDouble[k] = Double.parseDouble(angles[k]);
        new CausalCircle(4.5).angularVelocity(phiDouble, rate);
        for (int k = 0; k < angles.length; k++) assertEquals(got[k].doubleValue(), rate[k], 1e-15);
    }

    @Test
    void twoTokensReproduceTheTwoCausalTokensOracle() {
        // O6 with n = 2 is O1: the angle φ_1 − φ_0 follows O1's angle.
        double beta = 3;
        CausalCircle circle = new CausalCircle(beta);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return 2; }
            @Override public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[2];
                circle.angularVelocity(y, out);
                return out;
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, 1, 1e-15, 1e-14);
        ODEState state = new ODEState(0, new double[] {0.5, 2.5});
        TwoCausalTokens o1 = TwoCausalTokens.ofAngle(new BigDecimal("3"), new BigDecimal("2"));
        for (double t : new double[] {1, 4}) {
            state = integrator.integrate(ode, state, t);
            double[] phi = state.getPrimaryState();
            assertEquals(0.5, phi[0], 0.0, "token 0 never moves");
            assertEquals(o1.angleAt(t), phi[1] - phi[0], 1e-11, "t = " + t);
        }
    }
}
