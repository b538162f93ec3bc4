package org.attnflow.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.attnflow.io.InputException;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.junit.jupiter.api.Test;

/** The circle in O(n·p) against the direct field, its Bessel values and its proved truncation (spec/math.md §8.7). */
class FourierBesselFieldTest {

    static double[] circle(SplittableRandom rnd, int n, boolean clustered) {
        double[] x = new double[2 * n];
        for (int j = 0; j < n; j++) {
            double phi = clustered ? rnd.nextGaussian() * 0.05 + (j % 3) * 2.0 : rnd.nextDouble() * 2 * Math.PI;
            x[2 * j] = Math.cos(phi);
            x[2 * j + 1] = Math.sin(phi);
        }
        return x;
    }

    static AttentionModel model(double beta, Normalization norm, double[] v) {
        DecimalMatrix id = DecimalMatrix.identity(2);
        return new AttentionModel(Geometry.SPHERE, Mask.FULL, norm, new BigDecimal(Double.toString(beta)), id, id, DecimalMatrix.ofDoubles(2, 2, v));
    }

    /** Random circles, n up to 4096, β up to 100, V random, softmax and mean: within 1e-13 of the field's scale. */
    @Test
    void agreesWithTheDirectFieldOnRandomCircles() {
        SplittableRandom rnd = new SplittableRandom(12);
        int[][] cases = {{1, 0}, {2, 100}, {7, 4}, {64, 30}, {300, 1}, {300, 100}, {1000, 9}, {4096, 64}, {4096, 100}};
        for (int[] c : cases) {
            int n = c[0];
            double beta = c[1];
            for (Normalization norm : new Normalization[] {Normalization.SOFTMAX, Normalization.MEAN}) {
                if (norm == Normalization.MEAN && n > 1000) continue; // the direct field's cost, not the expansion's
                double[] v = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
                AttentionModel m = model(beta, norm, v);
                double[] x = circle(rnd, n, n % 2 == 0);
                double[] direct = new double[2 * n], fast = new double[2 * n];
                new ScalarAttentionField(m, n).attend(x, direct);
                FourierBesselField f = new FourierBesselField(m, n);
                f.attend(x, fast);
                double scale = 0, err = 0;
                for (int e = 0; e < 2 * n; e++) {
                    scale = Math.max(scale, Math.abs(direct[e]));
                    err = Math.max(err, Math.abs(direct[e] - fast[e]));
                }
                assertTrue(err <= 1e-13 * scale, "n=" + n + " beta=" + beta + " " + norm + ": error " + err + " of " + scale + " with p=" + f.terms());
                assertTrue(f.terms() < n || n < 64, "p = " + f.terms() + " for n = " + n);
            }
        }
    }

    /** Ĩ_k = e^{−β} I_k(β) against values of I_k (DLMF tables / mpmath), and the sum rule Ĩ_0 + 2Σ Ĩ_k = 1. */
    @Test
    void scaledBesselValues() {
        double[] one = FourierBesselField.scaledBessel(1, 30);
        assertEquals(1.2660658777520082 * Math.exp(-1), one[0], 1e-16);
        assertEquals(0.5651591039924851 * Math.exp(-1), one[1], 1e-16);
        assertEquals(0.1357476697670383 * Math.exp(-1), one[2], 1e-16);
        double[] big = FourierBesselField.scaledBessel(100, 200);
        // I_0(100) e^{-100} = 0.03994437929909668 (mpmath besseli(0, 100) * exp(-100))
        assertEquals(0.03994437929909668, big[0], 1e-16);
        double sum = big[0];
        for (int k = 1; k < big.length; k++) sum += 2 * big[k];
        assertEquals(1, sum, 1e-15);
    }

    /** FB2's a-priori terms reproduce the table of spec/math.md §9.2 (least p with e^{−β}T_p ≤ 1e-17 / 1e-30). */
    @Test
    void truncationBoundMatchesTheSpecTable() {
        int[][] table = {{4, 17, 23}, {64, 17, 74}, {100, 17, 91}, {300, 17, 156}, {64, 30, 101}, {100, 30, 123}};
        for (int[] row : table) {
            double eps = Math.pow(10, -row[1]);
            int p = 0;
            while (FourierBesselField.tailBound(row[0], p) > eps) p++;
            assertEquals(row[2], p, "beta=" + row[0] + " eps=1e-" + row[1]);
        }
        // terms() asks 4n t_p <= eps (1 - 2n t_p): more terms for more tokens, never fewer
        assertTrue(FourierBesselField.terms(64, 1_000_000, 1e-15) > FourierBesselField.terms(64, 10, 1e-15));
    }

    @Test
    void theReaderRefusesModelsTheExpansionCannotCompute() {
        String circle = """
                { "model": { "geometry": "sphere", "mask": "%s", "beta": 4 },
                  "initial": { "n": 16, "d": %d, "kind": "uniform-sphere", "seed": 1 },
                  "time": { "end": 1, "save_every": 1 },
                  "solver": { "method": "euler-postln", "step": 0.1, "field": "fourier" } }""";
        assertEquals(FieldKind.FOURIER, ScenarioReader.parse(circle.formatted("full", 2), "ok.json").scenario().solver().field());
        String causal = assertThrows(InputException.class, () -> ScenarioReader.parse(circle.formatted("causal", 2), "c.json")).getMessage();
        assertTrue(causal.contains("solver.field") && causal.contains("full attention only") && !causal.contains("\n"), causal);
        String d3 = assertThrows(InputException.class, () -> ScenarioReader.parse(circle.formatted("full", 3), "d.json")).getMessage();
        assertTrue(d3.contains("circle"), d3);
        assertNotNull(FieldKind.FOURIER.unsupported(AttentionModel.identity(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX, 1, 2)));
        assertNull(FieldKind.SIMD.unsupported(AttentionModel.identity(Geometry.EUCLIDEAN, Mask.CAUSAL, Normalization.SOFTMAX, 1, 3)));
    }

    /** auto takes the expansion for many tokens on the circle, the direct fields for few or where it cannot run. */
    @Test
    void autoTakesTheExpansionWhereItIsCheaper() {
        SolverSettings auto = new SolverSettings(org.attnflow.model.Method.EULER_POSTLN, 0.1, 1e-8, 1e-10, null, FieldKind.AUTO, 1);
        AttentionModel circle = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 4, 2);
        assertTrue(Fields.create(circle, 20_000, auto, 100) instanceof FourierBesselField);
        assertTrue(Fields.create(circle, 16, auto, 100) instanceof SymmetricAttentionField);
        assertTrue(Fields.create(circle.withMask(Mask.CAUSAL), 20_000, auto, 100) instanceof org.attnflow.field.simd.VectorAttentionField);
    }
}
