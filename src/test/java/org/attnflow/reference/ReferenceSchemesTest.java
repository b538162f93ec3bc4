package org.attnflow.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Head;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.TimeGrid;
import org.attnflow.oracle.EquiangularSchemes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference (Apfloat) on the normalisation schemes of spec/math.md §7 with heads and a schedule: the equiangular
 * reduction of every scheme at 30 digits to 1e-25 against the independent scalar oracle; its runtime checks fire
 * under the schemes and with heads (I2 on a planted read of a later token), and I8 is a run failure naming token and
 * time.
 */
class ReferenceSchemesTest {

    /**
     * Three orthonormal rows of R^4 with finite decimal entries (a product of rotations by (0.6, 0.8) and (0.28, 0.96)
     * in three coordinate planes), so that the reference starts from an exactly orthonormal frame that is not the
     * coordinate axes.
     */
    static DecimalMatrix exactFrame() {
        BigDecimal[][] r = identity(4);
        r = rotate(r, 0, 1, "0.6", "0.8");
        r = rotate(r, 1, 2, "0.28", "0.96");
        r = rotate(r, 2, 3, "0.6", "0.8");
        r = rotate(r, 0, 3, "0.28", "0.96");
        BigDecimal[] rows = new BigDecimal[12];
        for (int i = 0; i < 3; i++) for (int c = 0; c < 4; c++) rows[i * 4 + c] = r[i][c];
        return DecimalMatrix.of(3, 4, rows);
    }

    private static BigDecimal[][] identity(int d) {
        BigDecimal[][] m = new BigDecimal[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) m[i][j] = i == j ? BigDecimal.ONE : BigDecimal.ZERO;
        return m;
    }

    /** Rows of m rotated in the plane (a, b) by cos = c, sin = s (exact decimal products). */
    private static BigDecimal[][] rotate(BigDecimal[][] m, int a, int b, String c, String s) {
        BigDecimal cos = new BigDecimal(c), sin = new BigDecimal(s);
        BigDecimal[][] out = new BigDecimal[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
            out[i][a] = m[i][a].multiply(cos).subtract(m[i][b].multiply(sin));
            out[i][b] = m[i][a].multiply(sin).add(m[i][b].multiply(cos));
        }
        return out;
    }

    /** The reference at 30 digits, every scheme (spec §9.3's case, t ≤ 1): every ⟨θ_i, θ_j⟩ and every r within 1e-25. */
    @ParameterizedTest
    @EnumSource(LayerNorm.class)
    void equiangularReductionAt30DigitsTo1e25(LayerNorm scheme) {
        DecimalMatrix frame = exactFrame();
        BigDecimal r0 = new BigDecimal("1.5"), alpha = new BigDecimal("0.5"), tau = new BigDecimal("0.5");
        AttentionModel model = new AttentionModel(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE,
                List.of(Head.identity(BigDecimal.ONE, 4)), HeadCombine.SUM, scheme, scheme == LayerNorm.NGPT ? alpha : null,
                scheme == LayerNorm.MIX ? tau : null, List.of());
        InitialCondition start = InitialCondition.of(frame);
        if (model.carriesRadius()) start = start.withRadius(Collections.nCopies(3, r0));
        TimeGrid grid = TimeGrid.every(1, 0.5);
        var run = TestScenarios.run(TestScenarios.scenario(model, start, grid, TestScenarios.reference(30)));
        EquiangularSchemes oracle = new EquiangularSchemes(scheme, Normalization.SOFTMAX, 3, BigDecimal.ONE, r0, alpha, tau, 1, HeadCombine.SUM);
        BigDecimal[] times = {new BigDecimal("0.5"), BigDecimal.ONE};
        Apfloat[][] exact = oracle.at(times, 34);
        Apfloat worst = Apfloat.ZERO;
        for (int f = 1; f < grid.frames(); f++) {
            ReferenceFrame fr = run.frames().get(f);
            Apfloat[][] x = fr.tokens();
            for (int i = 0; i < 3; i++) {
                for (int j = i + 1; j < 3; j++) worst = ApfloatMath.max(worst, ApfloatMath.abs(ReferenceAttention.dot(x[i], x[j]).subtract(exact[f - 1][0])));
                if (fr.radius() != null) worst = ApfloatMath.max(worst, ApfloatMath.abs(fr.radius()[i].subtract(exact[f - 1][1])));
            }
            assertEquals(model.carriesRadius(), fr.radius() != null, "radii exactly with the schemes that carry them");
        }
        System.out.printf("reference 30 digits, %s: max |gamma - oracle|, |r - oracle| over t = 0.5, 1: %s%n", scheme.key(), worst.precision(3));
        assertTrue(worst.compareTo(new Apfloat("1e-25")) <= 0, scheme.key() + ": " + worst.precision(3));
    }

    /** A mask off by one under two heads, pre-LN and count-n: the I2 probe of the first evaluation stops every method. */
    @Test
    void aMaskOffByOneUnderHeadsAndASchemeStopsTheRunAtI2() {
        DecimalMatrix id = DecimalMatrix.identity(2);
        AttentionModel model = new AttentionModel(Geometry.SPHERE, Mask.CAUSAL, Normalization.COUNT_N, new BigDecimal("2"),
                List.of(new Head(new BigDecimal("2"), id, id, id), new Head(BigDecimal.ONE, id, id, DecimalMatrix.scaledIdentity(2, new BigDecimal("0.5")))),
                HeadCombine.MEAN, LayerNorm.PRE, null, null, List.of());
        var start = InitialCondition.generate(org.attnflow.model.InitialKind.UNIFORM_SPHERE, 3, 2, 4L, 1.0);
        for (Method method : List.of(Method.EULER_POSTLN, Method.PRE_PUBLIC, Method.REFERENCE)) {
            var settings = method == Method.REFERENCE ? TestScenarios.reference(20) : TestScenarios.replay(method, 0.1, 20);
            var scenario = TestScenarios.scenario(model, start, TimeGrid.every(0.2, 0.1), settings);
            InvariantViolation v = assertThrows(InvariantViolation.class, () -> ReferenceSolver.solve(scenario, frame -> { },
                    FieldInvariantViolationTest.rowsOf((n, maskLength) -> Math.min(n, maskLength + 1))));
            assertEquals("I2", v.invariant(), method.key());
            assertEquals(1, v.step(), v.getMessage());
            assertEquals(1, v.token(), v.getMessage());
        }
    }

    /** I2 of the replays under a scheme with heads: every digit of the earlier tokens' directions and radii is unmoved. */
    @Test
    void causalTokensDoNotDependOnLaterOnesToTheLastDigitUnderPeriLnWithHeads() {
        DecimalMatrix q = TestScenarios.matrix(2, 3, "1", "0.5", "0", "0", "1", "-0.5");
        AttentionModel model = new AttentionModel(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, new BigDecimal("2"),
                List.of(new Head(new BigDecimal("2"), q, q, DecimalMatrix.identity(3)), new Head(BigDecimal.ONE, q.transpose().transpose(),
                        TestScenarios.matrix(2, 3, "0.5", "1", "0", "0", "0", "1"), DecimalMatrix.scaledIdentity(3, new BigDecimal("1.5")))),
                HeadCombine.SUM, LayerNorm.PERI, null, null, List.of());
        var a = TestScenarios.matrix(4, 3, "1", "0", "0", "0.6", "0.8", "0", "0", "0.6", "0.8", "0.36", "0.48", "0.8");
        var b = TestScenarios.matrix(4, 3, "1", "0", "0", "0.6", "0.8", "0", "0", "0.6", "0.8", "-0.8", "0", "0.6");
        List<BigDecimal> radii = List.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("0.5"), new BigDecimal("3"));
        for (Method method : List.of(Method.EULER_POSTLN, Method.RK4, Method.PERI_PUBLIC)) {
            TimeGrid grid = TimeGrid.every(0.3, 0.15);
            var runA = TestScenarios.run(TestScenarios.scenario(model, InitialCondition.of(a).withRadius(radii), grid, TestScenarios.replay(method, 0.05, 25)));
            var runB = TestScenarios.run(TestScenarios.scenario(model, InitialCondition.of(b).withRadius(radii), grid, TestScenarios.replay(method, 0.05, 25)));
            for (int f = 0; f < grid.frames(); f++) {
                String[][] da = runA.frames().get(f).decimals(), db = runB.frames().get(f).decimals();
                String[] ra = runA.frames().get(f).radiusDecimals(), rb = runB.frames().get(f).radiusDecimals();
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(da[i], db[i], method.key() + " frame " + f + " token " + i);
                    assertEquals(ra[i], rb[i], method.key() + " frame " + f + " radius " + i);
                }
            }
        }
    }

    /** Pre-LN with V = −I in the reference: the radius of token 0 reaches 0 at t = r_0: a run failure naming I8. */
    @Test
    void aRadiusReachingZeroStopsTheReferenceWithI8() {
        AttentionModel model = TestScenarios.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, "1", 2)
                .withV(DecimalMatrix.scaledIdentity(2, BigDecimal.ONE.negate())).withLayerNorm(LayerNorm.PRE, null, null);
        var start = InitialCondition.of(TestScenarios.matrix(2, 2, "1", "0", "0.6", "0.8")).withRadius(List.of(new BigDecimal("0.25"), BigDecimal.ONE));
        for (var settings : List.of(TestScenarios.reference(12), TestScenarios.replay(Method.EULER_PROJECTED, 0.01, 12))) {
            ArithmeticException e = assertThrows(ArithmeticException.class,
                    () -> TestScenarios.run(TestScenarios.scenario(model, start, TimeGrid.every(0.5, 0.1), settings)));
            assertTrue(e.getMessage().contains("I8: the radius of token 0 is"), e.getMessage());
            assertTrue(e.getMessage().contains("at t = 0.2"), settings.method().key() + ": " + e.getMessage());
        }
    }
}
