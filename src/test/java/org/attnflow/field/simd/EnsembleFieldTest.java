package org.attnflow.field.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;

class EnsembleFieldTest {

    /** Each member's block of the ensemble's output equals its own field's output bit for bit, on 1 and 3 threads. */
    @Test
    void membersMatchTheirOwnFieldsBitForBit() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int d : new int[] {2, 16}) {
            int n = 150;
            List<AttentionModel> models = new ArrayList<>();
            models.add(RandomScenarios.model(rnd, Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 9, d, d));
            models.add(RandomScenarios.model(rnd, Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, d + 2, d));
            models.add(RandomScenarios.model(rnd, Geometry.SPHERE, Mask.FULL, Normalization.MEAN, 0.5, d, d));
            models.add(AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 64, d));
            double[] x = new double[models.size() * n * d];
            for (int b = 0; b < models.size(); b++) {
                System.arraycopy(RandomScenarios.state(rnd, Geometry.SPHERE, n, d), 0, x, b * n * d, n * d);
            }
            double[] expected = new double[x.length];
            for (int b = 0; b < models.size(); b++) {
                double[] xb = Arrays.copyOfRange(x, b * n * d, (b + 1) * n * d);
                double[] vb = new double[n * d];
                new VectorAttentionField(models.get(b), n, 1).velocity(xb, vb);
                System.arraycopy(vb, 0, expected, b * n * d, n * d);
            }
            for (int threads : new int[] {1, 3}) {
                EnsembleField ensemble = new EnsembleField(models, n, threads);
                assertEquals(models.size(), ensemble.systems());
                double[] out = new double[x.length];
                ensemble.velocity(x, out);
                assertArrayEquals(expected, out, "d=" + d + ", threads=" + threads);
            }
        }
    }

    /**
     * A member whose scores are NaN from token 40 on, evaluated on 2 threads in several chunks at once: its view
     * throws exactly its own field's breakdown (the first failing row), every time; the other member is unaffected.
     */
    @Test
    void aMembersBreakdownOnSeveralThreadsIsItsOwnFieldsEveryTime() {
        int n = 256, d = 4;
        SplittableRandom rnd = new SplittableRandom(9);
        List<AttentionModel> models = List.of(
                RandomScenarios.model(rnd, Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 2, d, d),
                RandomScenarios.model(rnd, Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 2, d, d));
        double[][] x = {RandomScenarios.state(rnd, Geometry.SPHERE, n, d), RandomScenarios.state(rnd, Geometry.SPHERE, n, d)};
        for (int i = 40; i < n; i += 7) x[1][i * d] = Double.NaN;
        String expected = assertThrows(ArithmeticException.class, () -> new VectorAttentionField(models.get(1), n, 2).attend(x[1], new double[n * d])).getMessage();
        double[] fine = new double[n * d];
        new VectorAttentionField(models.get(0), n, 2).attend(x[0], fine);
        EnsembleField ensemble = new EnsembleField(models, n, 2);
        assertEquals(2, ensemble.threads(), "the test needs the parallel path");
        for (int repeat = 0; repeat < 25; repeat++) {
            ensemble.load(0, x[0]);
            ensemble.load(1, x[1]);
            ensemble.evaluate(new boolean[] {true, true});
            assertEquals(expected, assertThrows(ArithmeticException.class, () -> ensemble.member(1).attend(x[1], new double[n * d])).getMessage());
            double[] out = new double[n * d];
            ensemble.member(0).attend(x[0], out);
            assertArrayEquals(fine, out);
        }
    }

    @Test
    void forBetasBuildsOneSystemPerBeta() {
        AttentionModel base = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        EnsembleField e = EnsembleField.forBetas(base, List.of(new BigDecimal("0.5"), new BigDecimal("4"), new BigDecimal("9")), 10, 1);
        assertEquals(3, e.systems());
        assertEquals(0, e.model(1).beta().compareTo(new BigDecimal("4")));
    }

    @Test
    void rejectsMixedDimensionsAndGeometriesAndBadShapes() {
        AttentionModel a = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        AttentionModel b = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 2);
        AttentionModel c = AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        assertThrows(IllegalArgumentException.class, () -> new EnsembleField(List.of(a, b), 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new EnsembleField(List.of(a, c), 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new EnsembleField(List.of(), 5, 1));
        EnsembleField e = new EnsembleField(List.of(a, a), 5, 1);
        assertThrows(IllegalArgumentException.class, () -> e.attend(new double[15], new double[30]));
    }
}
