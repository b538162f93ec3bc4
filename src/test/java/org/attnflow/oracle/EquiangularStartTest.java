package org.attnflow.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EquiangularStartTest {

    private static double abs(Apfloat x) { return ApfloatMath.abs(x).doubleValue(); }

    /** γ' from spec/math.md §5, written out here in Apfloat. */
    private static Apfloat rate(Normalization kind, int n, Apfloat beta, Apfloat g) {
        long p = g.precision();
        Apfloat one = new Apfloat(1, p);
        Apfloat egb = ApfloatMath.exp(beta.multiply(g));
        Apfloat numerator = new Apfloat(2).multiply(egb).multiply(one.subtract(g)).multiply(new Apfloat(n - 1).multiply(g).add(one));
        Apfloat z = kind == Normalization.SOFTMAX ? ApfloatMath.exp(beta.precision(p)).add(new Apfloat(n - 1).multiply(egb)) : new Apfloat(n, p);
        return numerator.divide(z);
    }

    /** γ' from spec/math.md §5 in double. */
    private static double rate(Normalization kind, int n, double beta, double g) {
        double z = kind == Normalization.SOFTMAX ? Math.exp(beta) + (n - 1) * Math.exp(beta * g) : n;
        return 2 * Math.exp(beta * g) * (1 - g) * ((n - 1) * g + 1) / z;
    }

    @ParameterizedTest
    @CsvSource({"SOFTMAX, 8, 4, 2.5", "MEAN, 5, 2, 0.8", "SOFTMAX, 32, 9, 12"})
    void gammaSatisfiesItsOdeByCentralDifferences(Normalization kind, int n, String beta, String t) {
        EquiangularStart o = new EquiangularStart(kind, n, new BigDecimal(beta));
        BigDecimal tt = new BigDecimal(t), h = new BigDecimal("1e-12");
        Apfloat g = o.gammaAt(tt, 40);
        Apfloat difference = o.gammaAt(tt.add(h), 40).subtract(o.gammaAt(tt.subtract(h), 40)).divide(new Apfloat("2e-12", 40));
        Apfloat expected = rate(kind, n, new Apfloat(beta, 40), g.precision(40));
        // central difference error ~h^2 |third derivative| ~ 1e-24, rounding 1e-40/1e-12 = 1e-28
        assertTrue(abs(difference.subtract(expected)) < 1e-21 * Math.max(1, abs(expected)), () -> difference + " vs " + expected);
    }

    @Test
    void gammaStartsAtZero() {
        assertEquals(0, new EquiangularStart(Normalization.SOFTMAX, 4, BigDecimal.ONE).gammaAt(BigDecimal.ZERO, 40).signum());
        assertEquals(0.0, new EquiangularStart(Normalization.MEAN, 4, BigDecimal.ONE).gammaAt(0.0));
    }

    @ParameterizedTest
    @CsvSource({"SOFTMAX, 4, 1", "SOFTMAX, 16, 9", "MEAN, 4, 1", "MEAN, 6, 3"})
    void gammaAgreesWithHipparchusDormandPrince853(Normalization kind, int n, double beta) {
        EquiangularStart o = new EquiangularStart(kind, n, beta);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return 1; }
            @Override public double[] computeDerivatives(double t, double[] y) { return new double[] {rate(kind, n, beta, y[0])}; }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, 1, 1e-15, 1e-14);
        ODEState state = new ODEState(0, new double[] {0});
        for (double t : new double[] {0.5, 1.5, 4}) {
            state = integrator.integrate(ode, state, t);
            double expected = state.getPrimaryState()[0];
            double got = o.gammaAt(t);
            assertEquals(expected, got, 1e-12, "t = " + t);
        }
    }

    @Test
    void clusteringApproachIsExponentialWithTheLinearisedRates() {
        // Near γ = 1: γ' ≈ 2(1−γ) for SA, γ' ≈ 2e^β(1−γ) for USA; the ratios of 1−γ one time unit apart tend
        // to e^{-2} and e^{-2e^β}. Relative digits of 1 − γ survive where γ itself rounds to 1.
        EquiangularStart sa = new EquiangularStart(Normalization.SOFTMAX, 5, new BigDecimal("2"));
        Apfloat r1 = sa.oneMinusGammaAt(new BigDecimal("40"), 30), r2 = sa.oneMinusGammaAt(new BigDecimal("41"), 30);
        assertTrue(r1.doubleValue() < 1e-30, "1 - gamma(40) = " + r1);
        Apfloat e2 = ApfloatMath.exp(new Apfloat(-2, 40));
        assertTrue(abs(r2.divide(r1).subtract(e2)) < 1e-25, () -> "ratio " + r2.divide(r1) + " vs e^-2");
        EquiangularStart usa = new EquiangularStart(Normalization.MEAN, 5, new BigDecimal("0.5"));
        Apfloat u1 = usa.oneMinusGammaAt(new BigDecimal("30"), 30), u2 = usa.oneMinusGammaAt(new BigDecimal("31"), 30);
        assertEquals(Math.exp(-2 * Math.exp(0.5)), u2.divide(u1).doubleValue(), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"SOFTMAX, 3.5", "MEAN, 1.5"})
    void stateHasTheEquiangularGramMatrixAndMovesWithTheField(Normalization kind, double beta) {
        int n = 4, d = 6;
        EquiangularStart o = new EquiangularStart(kind, n, beta);
        BigDecimal t = new BigDecimal("0.9"), h = new BigDecimal("1e-10");
        Apfloat[] x = o.stateAt(t, 30, d);
        Apfloat g = o.gammaAt(t, 30);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Apfloat[] xi = java.util.Arrays.copyOfRange(x, i * d, i * d + d), xj = java.util.Arrays.copyOfRange(x, j * d, j * d + d);
                Apfloat expected = i == j ? Apfloat.ONE : g;
                assertTrue(abs(Apfloats.dot(xi, xj).subtract(expected)) < 1e-28, "Gram entry " + i + "," + j);
            }
        }
        Apfloat[] plus = o.stateAt(t.add(h), 30, d), minus = o.stateAt(t.subtract(h), 30, d);
        double[] velocity = new double[n * d];
        new ScalarAttentionField(AttentionModel.identity(Geometry.SPHERE, Mask.FULL, kind, beta, d), n)
                .velocity(Apfloats.toDoubles(x), velocity);
        for (int k = 0; k < n * d; k++) {
            // central difference: error ~h² = 1e-20, rounding 1e-30/1e-10
            double fd = plus[k].subtract(minus[k]).divide(new Apfloat("2e-10", 30)).doubleValue();
            assertEquals(velocity[k], fd, 1e-14, "component " + k);
        }
        // the general orthonormal-start accessor with the standard basis gives the same state
        double[] basis = new double[n * d];
        for (int i = 0; i < n; i++) basis[i * d + i] = 1;
        double[] viaBasis = o.stateAt(0.9, basis), direct = o.stateAt(0.9, d);
        for (int k = 0; k < n * d; k++) assertEquals(direct[k], viaBasis[k], 1e-16);
    }

    @Test
    void timeToReachInvertsGamma() {
        EquiangularStart o = new EquiangularStart(Normalization.SOFTMAX, 6, new BigDecimal("4"));
        Apfloat g = o.gammaAt(new BigDecimal("1.75"), 45);
        Apfloat back = o.timeToReach(g, 35);
        assertTrue(abs(back.subtract(new Apfloat("1.75", 50))) < 1e-34, () -> "t(gamma(1.75)) = " + back);
    }

    @Test
    void softmaxAndMeanCoincideAtBetaZero() {
        Apfloat sa = new EquiangularStart(Normalization.SOFTMAX, 7, BigDecimal.ZERO).gammaAt(new BigDecimal("1.1"), 40);
        Apfloat usa = new EquiangularStart(Normalization.MEAN, 7, BigDecimal.ZERO).gammaAt(new BigDecimal("1.1"), 40);
        assertTrue(abs(sa.subtract(usa)) < 1e-39);
    }
}
