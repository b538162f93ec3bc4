package org.attnflow.field.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.attnflow.field.AttentionField;
import org.attnflow.field.SymmetricAttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;

/** Systems in lanes: every member's output is its own {@link SymmetricAttentionField}'s, bit for bit. */
class SymmetricEnsembleFieldTest {

    /** A model with Q = K (Gaussian m×d, scaled by 1/√d) and Gaussian V. */
    private static AttentionModel symmetric(SplittableRandom rnd, Geometry g, Normalization norm, double beta, int m, int d) {
        DecimalMatrix q = RandomScenarios.gaussian(rnd, m, d, 1 / Math.sqrt(d));
        return new AttentionModel(g, Mask.FULL, norm, new BigDecimal(beta), q, q, RandomScenarios.gaussian(rnd, d, d, 1));
    }

    private static double[] alone(AttentionModel model, double[] x, int n) {
        double[] out = new double[x.length];
        new SymmetricAttentionField(model, n).attend(x, out);
        return out;
    }

    /** The member's output, or the message of its breakdown, as its own field gives it and as its view gives it. */
    private static void assertSameOutcome(AttentionModel model, AttentionField view, double[] x, int n, String what) {
        String expected, got;
        double[] own = null, viewed = new double[x.length];
        try {
            own = alone(model, x, n);
            expected = null;
        } catch (ArithmeticException e) {
            expected = e.getMessage();
        }
        try {
            view.attend(x, viewed);
            got = null;
        } catch (ArithmeticException e) {
            got = e.getMessage();
        }
        assertEquals(expected, got, what);
        if (expected == null) assertArrayEquals(own, viewed, what);
    }

    /**
     * Mixed β (0.1 to 64), normalisations, Q and V, both geometries, a partial last group (13 members: not a multiple
     * of the lane count), some members not live: each live member's view equals its own field's output bit for bit.
     */
    @Test
    void membersMatchTheSymmetricFieldBitForBit() {
        SplittableRandom rnd = new SplittableRandom(11);
        Normalization[] norms = Normalization.values();
        double[] betas = {0.1, 1, 4, 9, 64};
        for (Geometry g : Geometry.values()) {
            for (int[] nmd : new int[][] {{32, 2, 2}, {17, 3, 2}, {5, 4, 4}}) {
                int n = nmd[0], m = nmd[1], d = nmd[2];
                int count = 13;
                List<AttentionModel> models = new ArrayList<>();
                for (int b = 0; b < count; b++) {
                    models.add(b % 4 == 0 ? AttentionModel.identity(g, Mask.FULL, Normalization.SOFTMAX, betas[b % betas.length], d).withNormalization(norms[b % norms.length])
                            : symmetric(rnd, g, norms[b % norms.length], betas[b % betas.length], d == m ? m : m, d));
                }
                if (models.stream().anyMatch(mm -> mm.queryDimension() != m && mm.queryDimension() != d)) continue;
                // identity models have m = d: keep one m per ensemble
                int mm0 = models.get(1).queryDimension();
                models.replaceAll(mm -> mm.queryDimension() == mm0 ? mm : symmetric(rnd, g, mm.normalization(), mm.head().betaDouble(), mm0, d));
                SymmetricEnsembleField ensemble = new SymmetricEnsembleField(models, n);
                int softmaxChecked = 0;
                boolean[] live = new boolean[count];
                for (int step = 0; step < 3; step++) {
                    double[][] states = new double[count][];
                    for (int b = 0; b < count; b++) {
                        live[b] = step == 0 || (b + step) % 3 != 0;
                        states[b] = RandomScenarios.state(rnd, g, n, d);
                        if (live[b]) ensemble.load(b, states[b]);
                    }
                    ensemble.evaluate(live);
                    for (int b = 0; b < count; b++) {
                        if (!live[b]) continue;
                        assertSameOutcome(models.get(b), ensemble.member(b), states[b], n, g + " n=" + n + " m=" + mm0 + " d=" + d + " member " + b + " step " + step);
                        if (models.get(b).normalization() == Normalization.SOFTMAX) softmaxChecked++;
                    }
                }
                assertTrue(softmaxChecked > 0);
            }
        }
    }

    /**
     * Members the symmetric field hands to the plain field (β·spread of ‖Qx‖² beyond one shift's reach; a score that
     * is not finite) take that branch here too: the same output, or the same breakdown, while the other lanes go on.
     */
    @Test
    void handOversAndBreakdownsAreTheMembersOwn() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 12, d = 3;
        DecimalMatrix big = DecimalMatrix.ofDoubles(d, d, new double[] {30, 0, 0, 0, 1, 0, 0, 0, 1});
        List<AttentionModel> models = new ArrayList<>();
        for (int b = 0; b < 10; b++) models.add(AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1, d));
        models.set(2, new AttentionModel(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE, big, big, big)); // spread ≫ 600
        SymmetricEnsembleField ensemble = new SymmetricEnsembleField(models, n);
        double[][] states = new double[models.size()][];
        boolean[] live = new boolean[models.size()];
        Arrays.fill(live, true);
        for (int b = 0; b < states.length; b++) {
            states[b] = RandomScenarios.state(rnd, Geometry.EUCLIDEAN, n, d);
            for (int e = 0; e < states[b].length; e++) states[b][e] *= 3;
        }
        states[5][7] = Double.NaN; // member 5 breaks down
        for (int b = 0; b < states.length; b++) ensemble.load(b, states[b]);
        ensemble.evaluate(live);
        double[] own = new double[n * d];
        ArithmeticException expected = assertThrows(ArithmeticException.class, () -> new SymmetricAttentionField(models.get(5), n).attend(states[5], own));
        AttentionField five = ensemble.member(5);
        ArithmeticException got = assertThrows(ArithmeticException.class, () -> five.attend(states[5], new double[n * d]));
        assertEquals(expected.getMessage(), got.getMessage());
        for (int b = 0; b < states.length; b++) {
            if (b == 5) continue;
            double[] out = new double[n * d];
            ensemble.member(b).attend(states[b], out);
            assertArrayEquals(alone(models.get(b), states[b], n), out, "member " + b);
        }
        // member 2 did need the plain field: its output is not what one common shift would give
        double[] two = new double[n * d];
        ensemble.member(2).attend(states[2], two);
        assertTrue(Arrays.stream(two).allMatch(Double::isFinite));
    }

    /**
     * The S1 step in the lanes ({@link SymmetricEnsembleField#stepOnSphere}): every member taken has the new state of
     * its own step, y = x + h·A(x) then y_i/‖y_i‖ (written out here from its definition), bit for bit, and has no
     * output to read; a member whose retraction breaks down (all its tokens equal, V = −10I, h = 0.1: y = 0 exactly;
     * V = 1e160·I: ‖y‖² overflows) and a member handed to the plain field are not taken, and their views read as after
     * an evaluation. Mixed β and normalisations, a partial last
     * group, members not live.
     */
    @Test
    void stepsOnTheSphereAreEachMembersOwnStep() {
        SplittableRandom rnd = new SplittableRandom(23);
        double h = 0.1; // not a power of 2: h·A rounds, so a fused multiply-add would show
        for (int d : new int[] {2, 3}) {
            int n = 9, count = 13;
            List<AttentionModel> models = new ArrayList<>();
            Normalization[] norms = Normalization.values();
            for (int b = 0; b < count; b++) {
                models.add(AttentionModel.identity(Geometry.SPHERE, Mask.FULL, norms[b % norms.length], new double[] {0.1, 1, 4, 9}[b % 4], d));
            }
            double[] minusTen = new double[d * d];
            for (int c = 0; c < d; c++) minusTen[c * d + c] = -10;
            DecimalMatrix identity = models.get(0).q();
            models.set(4, new AttentionModel(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE, identity, identity, DecimalMatrix.ofDoubles(d, d, minusTen)));
            double[] huge = new double[d * d];
            for (int c = 0; c < d; c++) huge[c * d + c] = 1e160;
            models.set(9, new AttentionModel(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE, identity, identity, DecimalMatrix.ofDoubles(d, d, huge))); // ‖y‖² overflows: ‖y‖ = ∞
            DecimalMatrix big = DecimalMatrix.ofDoubles(d, d, diagonal(d, 40));
            models.set(7, new AttentionModel(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, BigDecimal.ONE, big, big, identity)); // spread ≫ 600: plain field
            SymmetricEnsembleField ensemble = new SymmetricEnsembleField(models, n);
            boolean[] live = new boolean[count];
            boolean[] taken = new boolean[count];
            double[][] states = new double[count][];
            for (int b = 0; b < count; b++) {
                live[b] = b != 10;
                states[b] = RandomScenarios.state(rnd, Geometry.SPHERE, n, d);
            }
            for (int i = 0; i < n; i++) { // member 4: every token the same point
                for (int c = 0; c < d; c++) states[4][i * d + c] = c == 0 ? 1 : 0;
            }
            double[][] before = new double[count][];
            for (int b = 0; b < count; b++) before[b] = states[b].clone();
            ensemble.stepOnSphere(h, states, live, taken);
            int stepped = 0;
            for (int b = 0; b < count; b++) {
                String what = "d=" + d + " member " + b;
                if (!live[b]) {
                    assertFalse(taken[b], what);
                    assertArrayEquals(before[b], states[b], what);
                    continue;
                }
                double[] y = before[b].clone();
                double[] a = alone(models.get(b), before[b], n);
                for (int k = 0; k < y.length; k++) y[k] = y[k] + h * a[k];
                if (b == 4 || b == 7 || b == 9) {
                    assertFalse(taken[b], what + " steps itself");
                    assertArrayEquals(before[b], states[b], what + ": state untouched");
                    double[] viewed = new double[n * d];
                    ensemble.member(b).attend(before[b], viewed);
                    assertArrayEquals(a, viewed, what);
                    if (b == 4) assertThrows(ArithmeticException.class, () -> Tokens.normalize(y, d), what + ": y = 0");
                    if (b == 9) assertThrows(ArithmeticException.class, () -> Tokens.normalize(y, d), what + ": ‖y‖ = ∞");
                    continue;
                }
                Tokens.normalize(y, d);
                assertTrue(taken[b], what);
                assertArrayEquals(y, states[b], what);
                int member = b;
                assertThrows(IllegalStateException.class, () -> ensemble.member(member).attend(before[member], new double[n * d]),
                        what + ": a member stepped in the lanes has no output to read");
                stepped++;
            }
            assertEquals(count - 4, stepped);
        }
    }

    private static double[] diagonal(int d, double value) {
        double[] m = new double[d * d];
        for (int c = 0; c < d; c++) m[c * d + c] = c == 0 ? value : 1;
        return m;
    }

    /**
     * Scores of 4.4e18 (R², Q = I, tokens 2.1e9 long): the spread β(max − min)‖Qx‖² is 563, within one shift's reach,
     * but β‖Qx_1‖² − c rounds to −1024, below the exponential's flush to 0. The lanes must not take that argument
     * without the flush (the circle's own weights): the member gets its own field's output. Found by review: without
     * the hand-over in {@code selfWeights} the lane returned a weight of −2^1009.
     */
    @Test
    void aRowsOwnWeightBelowTheFlushIsTheMembersOwn() {
        double u = 2097617709.5903032, v = 2097617709.590303; // u² − v² = 512 exactly in double; 1.1·v² − 1.1·u² = −1024
        AttentionModel model = AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1.1, 2);
        int n = 2;
        SymmetricEnsembleField ensemble = new SymmetricEnsembleField(List.of(model, model), n);
        double[] x = {u, 0, v, 0};
        double[] ordinary = {1, 0, 0, 1};
        ensemble.load(0, x);
        ensemble.load(1, ordinary);
        ensemble.evaluate(new boolean[] {true, true});
        assertSameOutcome(model, ensemble.member(0), x, n, "scores of 4.4e18");
        assertSameOutcome(model, ensemble.member(1), ordinary, n, "an ordinary member beside it");
    }

    /** A view read at a state the ensemble did not evaluate, or a member that was not live, is refused. */
    @Test
    void outOfLockStepReadsAreRefused() {
        int n = 4, d = 2;
        AttentionModel a = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, d);
        SymmetricEnsembleField e = new SymmetricEnsembleField(List.of(a, a), n);
        double[] x = RandomScenarios.state(new SplittableRandom(1), Geometry.SPHERE, n, d);
        e.load(0, x);
        e.evaluate(new boolean[] {true, false});
        assertThrows(IllegalStateException.class, () -> e.member(1).attend(x, new double[n * d]));
        double[] other = x.clone();
        other[0] = -other[0];
        assertThrows(IllegalStateException.class, () -> e.member(0).attend(other, new double[n * d]));
        double[] out = new double[n * d];
        e.member(0).attend(x, out);
        assertNotEquals(0, Arrays.stream(out).map(Math::abs).sum());
    }

    @Test
    void rejectsModelsWithoutSymmetricScoresOrOfAnotherShape() {
        AttentionModel a = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        assertThrows(IllegalArgumentException.class, () -> new SymmetricEnsembleField(List.of(a, a.withMask(Mask.CAUSAL)), 5));
        assertThrows(IllegalArgumentException.class, () -> new SymmetricEnsembleField(List.of(a, AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 2)), 5));
        SplittableRandom rnd = new SplittableRandom(2);
        assertThrows(IllegalArgumentException.class, () -> new SymmetricEnsembleField(
                List.of(a, RandomScenarios.model(rnd, Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3, 3)), 5));
        assertThrows(IllegalArgumentException.class, () -> new SymmetricEnsembleField(List.of(), 5));
    }
}
