package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * O2, the equiangular start: n orthonormal tokens under M1 (softmax) or M2 (mean) with Q = K = V = I keep all
 * ⟨x_i, x_j⟩ (i ≠ j) equal to γ(t), γ(0) = 0, with γ' = g(γ) (math.md §5). By symmetry
 * x_i = a e_i + b Σ_{j≠i} e_j, where a − b = √(1 − γ) and a + (n−1) b = √(1 + (n−1)γ): the whole exact state
 * follows from γ.
 *
 * <p>γ at the frame time t: one Newton step on T(γ) = ∫_0^γ ds/g(s) = t from the reference's own γ_r,
 * γ* = γ_r − (T(γ_r) − t) g(γ_r), exact up to (T(γ_r) − t)². Quadrature at 60 digits with ApfloatMath; the
 * mean-normalised case runs until γ is near 1, where only the substitution s = 1 − e^{−w} keeps it accurate.
 */
class EquiangularOracleTest {
    private static final long P = 60;
    private static final int N = 3;
    private static final Apfloat BETA = new Apfloat(1, P);

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void orthonormalStartAt30DigitsTo1e25WithAnHonestEstimate(Normalization normalization) {
        var model = TestScenarios.identity(Geometry.SPHERE, Mask.FULL, normalization, "1", N);
        var start = InitialCondition.generate(InitialKind.ORTHONORMAL, N, N, null, 1);
        Scenario scenario = TestScenarios.scenario(model, start, TimeGrid.every(1, 0.25), TestScenarios.reference(30));
        var run = TestScenarios.run(scenario);
        boolean mean = normalization == Normalization.MEAN;
        GaussLegendre rule = new GaussLegendre(30, P);
        GaussLegendre finer = new GaussLegendre(40, P);
        Apfloat previousEnd = new Apfloat(0, P);
        Apfloat time = new Apfloat(0, P);
        Apfloat finerTime = new Apfloat(0, P);
        for (ReferenceFrame frame : run.frames()) {
            // T(γ_r) frame by frame: the integral over [w(γ_{f−1}), w(γ_f)] added to the previous frame's
            Apfloat gamma = ReferenceAttention.dot(frame.tokens()[0], frame.tokens()[1]).precision(P);
            Apfloat end = ApfloatMath.log(new Apfloat(1, P).subtract(gamma)).negate();
            time = time.add(integral(previousEnd, end, rule, mean, 2));
            finerTime = finerTime.add(integral(previousEnd, end, finer, mean, 3));
            previousEnd = end;
            Apfloat error = error(frame, gamma, time, mean);
            System.out.printf("O2 %s frame %d: error %s, estimate %s%n", normalization, frame.index(), error.precision(3), frame.errorEstimateDecimal());
            assertTrue(error.compareTo(new Apfloat("1e-25")) <= 0, "frame " + frame.index() + ": error " + error.precision(3));
            assertTrue(error.compareTo(frame.errorEstimate()) <= 0,
                    "frame " + frame.index() + ": error " + error.precision(3) + " above its estimate " + frame.errorEstimateDecimal());
            assertTrue(frame.errorEstimate().compareTo(new Apfloat("1e-25")) <= 0, "estimate " + frame.errorEstimateDecimal() + " claims less than 25 digits");
        }
        assertTrue(ApfloatMath.abs(time.subtract(finerTime)).compareTo(new Apfloat("1e-50")) < 0,
                "quadrature has not converged: " + time.subtract(finerTime).precision(3));
    }

    /**
     * ∫ ds/g(s) over [1 − e^{−from}, 1 − e^{−to}] in w = −ln(1 − s): g has the factor 1 − s, whose pole near
     * γ → 1 would spoil the rule; in w the integrand e^{−w}/g(1 − e^{−w}) is analytic (its nearest pole, where
     * (n−1)s + 1 = 0, lies 0.4 left of w = 0).
     */
    static Apfloat integral(Apfloat from, Apfloat to, GaussLegendre rule, boolean mean, int panels) {
        if (from.compareTo(to) == 0) return new Apfloat(0, P);
        Apfloat one = new Apfloat(1, P);
        return rule.integrate(w -> {
            Apfloat rest = ApfloatMath.exp(w.negate());
            return rest.divide(gammaDot(one.subtract(rest), mean));
        }, from, to, panels);
    }

    /** max_{i,c} |x_ic − exact_ic| of one frame, given γ_r = ⟨x_1, x_2⟩ and T(γ_r). */
    static Apfloat error(ReferenceFrame frame, Apfloat gamma, Apfloat timeToGamma, boolean mean) {
        Apfloat[][] x = frame.tokens();
        Apfloat one = new Apfloat(1, P);
        Apfloat exactGamma = gamma.subtract(timeToGamma.subtract(frame.exactTime().precision(P)).multiply(gammaDot(gamma, mean)));
        Apfloat rootDiff = ApfloatMath.sqrt(one.subtract(exactGamma));
        Apfloat rootSum = ApfloatMath.sqrt(one.add(new Apfloat(N - 1, P).multiply(exactGamma)));
        Apfloat b = rootSum.subtract(rootDiff).divide(new Apfloat(N, P));
        Apfloat a = b.add(rootDiff);
        Apfloat error = new Apfloat(0, P);
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < N; c++) {
                Apfloat exact = i == c ? a : b;
                error = ApfloatMath.max(error, ApfloatMath.abs(x[i][c].precision(P).subtract(exact)));
            }
        }
        return error;
    }

    /** γ' = 2 e^{βγ}(1 − γ)((n−1)γ + 1) / (e^β + (n−1) e^{βγ}) (softmax), (2/n) e^{βγ}(1 − γ)((n−1)γ + 1) (mean). */
    static Apfloat gammaDot(Apfloat gamma, boolean mean) {
        Apfloat one = new Apfloat(1, P);
        Apfloat nMinus1 = new Apfloat(N - 1, P);
        Apfloat e = ApfloatMath.exp(BETA.multiply(gamma).precision(P));
        Apfloat common = e.multiply(one.subtract(gamma)).multiply(nMinus1.multiply(gamma).add(one));
        if (mean) return new Apfloat(2, P).multiply(common).divide(new Apfloat(N, P));
        return new Apfloat(2, P).multiply(common).divide(ApfloatMath.exp(BETA).add(nMinus1.multiply(e)));
    }
}
