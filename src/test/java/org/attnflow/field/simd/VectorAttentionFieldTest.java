package org.attnflow.field.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SIMD field against the scalar field, and its reproducibility guarantees. */
class VectorAttentionFieldTest {

    /** Every model of spec/math.md §1: M1, M2, M3, M3-mean, M4 (full and causal, softmax and mean). */
    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX),     // M1
                Arguments.of(Geometry.SPHERE, Mask.FULL, Normalization.MEAN),        // M2
                Arguments.of(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX),   // M3
                Arguments.of(Geometry.SPHERE, Mask.CAUSAL, Normalization.MEAN),      // M3-mean
                Arguments.of(Geometry.EUCLIDEAN, Mask.FULL, Normalization.SOFTMAX),  // M4
                Arguments.of(Geometry.EUCLIDEAN, Mask.CAUSAL, Normalization.SOFTMAX),
                Arguments.of(Geometry.EUCLIDEAN, Mask.FULL, Normalization.MEAN),
                Arguments.of(Geometry.EUCLIDEAN, Mask.CAUSAL, Normalization.MEAN));
    }

    static Stream<Arguments> causalModels() {
        return models().filter(a -> a.get()[1] == Mask.CAUSAL);
    }

    private static final int[] DIMENSIONS = {1, 2, 3, 4, 5, 8, 9, 16, 17, 33, 64};
    private static final double[] BETAS = {0, 1, 9, 64, 1e4};

    /**
     * 40 random scenarios per model: n in 1..300, d on both sides of the kernel switch, m ≠ d half of the time,
     * β up to 10^4. Per token, ‖simd − scalar‖∞ ≤ 10⁻¹³ ‖scalar‖∞; where the scalar field reports an overflow
     * (mean normalisation, large scores) the SIMD field reports the same one.
     */
    @ParameterizedTest
    @MethodSource("models")
    void agreesWithTheScalarFieldWithin1e13(Geometry g, Mask mask, Normalization norm) {
        SplittableRandom rnd = new SplittableRandom(20240611L + 31L * g.ordinal() + 7L * mask.ordinal() + norm.ordinal());
        int compared = 0;
        double worst = 0;
        for (int trial = 0; trial < 40; trial++) {
            int d = DIMENSIONS[rnd.nextInt(DIMENSIONS.length)];
            int m = trial % 2 == 0 ? d : 1 + rnd.nextInt(12);
            int n = 1 + rnd.nextInt(300);
            double beta = BETAS[rnd.nextInt(BETAS.length)];
            AttentionModel model = RandomScenarios.model(rnd, g, mask, norm, beta, m, d);
            double[] x = RandomScenarios.state(rnd, g, n, d);
            double[] expected = new double[n * d];
            double[] actual = new double[n * d];
            ArithmeticException scalarError = null;
            try {
                new ScalarAttentionField(model, n).attend(x, expected);
            } catch (ArithmeticException e) {
                scalarError = e;
            }
            VectorAttentionField simd = new VectorAttentionField(model, n, 1);
            if (scalarError != null) {
                ArithmeticException e = assertThrows(ArithmeticException.class, () -> simd.attend(x, actual));
                assertEquals(scalarError.getMessage(), e.getMessage());
                continue;
            }
            simd.attend(x, actual);
            double error = maxRelativeTokenError(expected, actual, n, d);
            worst = Math.max(worst, error);
            assertTrue(error <= 1e-13, () -> model.paperName() + " n=" + n + " d=" + d + " m=" + m + " beta=" + beta
                    + ": relative error " + error);
            compared++;
        }
        assertTrue(compared >= 20, "too few comparable scenarios: " + compared);
    }

    /** At β = 10^4 softmax is nearly a hard maximum: still within 10⁻¹³ (the scores are the scalar field's). */
    @Test
    void agreesAtBeta1e4OnTheSphere() {
        SplittableRandom rnd = new SplittableRandom(99);
        for (Mask mask : Mask.values()) {
            for (int d : new int[] {2, 3, 16, 64}) {
                AttentionModel model = AttentionModel.identity(Geometry.SPHERE, mask, Normalization.SOFTMAX, 1e4, d);
                int n = 257;
                double[] x = RandomScenarios.state(rnd, Geometry.SPHERE, n, d);
                double[] expected = new double[n * d];
                double[] actual = new double[n * d];
                new ScalarAttentionField(model, n).attend(x, expected);
                new VectorAttentionField(model, n, 1).attend(x, actual);
                assertTrue(maxRelativeTokenError(expected, actual, n, d) <= 1e-13, mask + " d=" + d);
            }
        }
    }

    /** The velocity (attend + tangent projection) agrees too. */
    @Test
    void velocityAgrees() {
        SplittableRandom rnd = new SplittableRandom(5);
        AttentionModel model = RandomScenarios.model(rnd, Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 9, 5, 3);
        int n = 100;
        double[] x = RandomScenarios.state(rnd, Geometry.SPHERE, n, 3);
        double[] expected = new double[n * 3];
        double[] actual = new double[n * 3];
        new ScalarAttentionField(model, n).velocity(x, expected);
        new VectorAttentionField(model, n, 2).velocity(x, actual);
        for (int i = 0; i < n * 3; i++) assertEquals(expected[i], actual[i], 1e-13 * 10);
    }

    /** Same bits with 1, 2 and 3 threads (forced parallel even for small n), full and causal, both kernels. */
    @ParameterizedTest
    @MethodSource("models")
    void bitIdenticalWhateverTheThreadCount(Geometry g, Mask mask, Normalization norm) {
        SplittableRandom rnd = new SplittableRandom(11 + mask.ordinal());
        for (int d : new int[] {2, 3, 16, 33}) {
            int n = 301;
            AttentionModel model = RandomScenarios.model(rnd, g, mask, norm, norm == Normalization.MEAN ? 1 : 9, d + 1, d);
            double[] x = RandomScenarios.state(rnd, g, n, d);
            double[] one = evaluate(new VectorAttentionField(model, n, 1, 0), x);
            for (int threads : new int[] {2, 3}) {
                VectorAttentionField field = new VectorAttentionField(model, n, threads, 0);
                assertEquals(threads, field.threads());
                assertArrayEquals(one, evaluate(field, x), threads + " threads, d=" + d);
                assertArrayEquals(one, evaluate(field, x), threads + " threads, second evaluation, d=" + d);
            }
        }
    }

    /**
     * I2: under a causal mask, token k's output does not change in a single bit when the later tokens change
     * (moved, or even NaN), nor when there are more of them (other n, other tile and chunk boundaries).
     */
    @ParameterizedTest
    @MethodSource("causalModels")
    void causalOutputsOfEarlierTokensAreBitIdentical(Geometry g, Mask mask, Normalization norm) {
        SplittableRandom rnd = new SplittableRandom(77);
        for (int d : new int[] {2, 3, 16, 20}) {
            AttentionModel model = RandomScenarios.model(rnd, g, mask, norm, norm == Normalization.MEAN ? 1 : 9, d, d);
            int n = 203;
            double[] x = RandomScenarios.state(rnd, g, n, d);
            double[] base = evaluate(new VectorAttentionField(model, n, 2, 0), x);
            for (int k : new int[] {0, 1, 62, 63, 64, 65, 130, 201}) {
                double[] moved = x.clone();
                double[] later = RandomScenarios.state(rnd, g, n - k - 1, d);
                System.arraycopy(later, 0, moved, (k + 1) * d, later.length);
                double[] out = evaluate(new VectorAttentionField(model, n, 3, 0), moved);
                assertArrayEquals(Arrays.copyOf(base, (k + 1) * d), Arrays.copyOf(out, (k + 1) * d), "k=" + k + " d=" + d);
                // Later tokens NaN: earlier outputs still bit-identical (they never read them, not even times 0).
                // The NaN tokens' own rows fail; on one thread the rows before them are written first, in order.
                double[] poisoned = x.clone();
                Arrays.fill(poisoned, (k + 1) * d, n * d, Double.NaN);
                double[] out2 = new double[n * d];
                try {
                    new VectorAttentionField(model, n, 1, 0).attend(poisoned, out2);
                } catch (ArithmeticException e) {
                    assertTrue(e.getMessage().startsWith("attention score of token " + (k + 1) + " "), e.getMessage());
                }
                assertArrayEquals(Arrays.copyOf(base, (k + 1) * d), Arrays.copyOf(out2, (k + 1) * d), "NaN after k=" + k);
            }
            // A longer sequence with the same first n tokens.
            int longer = n + 70;
            double[] extended = Arrays.copyOf(x, longer * d);
            System.arraycopy(RandomScenarios.state(rnd, g, 70, d), 0, extended, n * d, 70 * d);
            double[] out = evaluate(new VectorAttentionField(model, longer, 2, 0), extended);
            assertArrayEquals(base, Arrays.copyOf(out, n * d), "n=" + longer + " vs " + n + ", d=" + d);
        }
    }

    @Test
    void rejectsWrongShapesAndAliasing() {
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 3);
        VectorAttentionField field = new VectorAttentionField(model, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> field.attend(new double[11], new double[12]));
        double[] x = new double[12];
        assertThrows(IllegalArgumentException.class, () -> field.attend(x, x));
        assertThrows(IllegalArgumentException.class, () -> new VectorAttentionField(model, 0, 1));
    }

    static double[] evaluate(VectorAttentionField field, double[] x) {
        double[] out = new double[x.length];
        field.attend(x, out);
        return out;
    }

    /** max over tokens of ‖a_i − b_i‖∞ / ‖a_i‖∞ (0/0 counts as 0). */
    static double maxRelativeTokenError(double[] expected, double[] actual, int n, int d) {
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double diff = 0, norm = 0;
            for (int c = 0; c < d; c++) {
                diff = Math.max(diff, Math.abs(expected[i * d + c] - actual[i * d + c]));
                norm = Math.max(norm, Math.abs(expected[i * d + c]));
            }
            if (Double.isNaN(diff)) return Double.NaN;
            if (diff > 0) worst = Math.max(worst, diff / norm);
        }
        return worst;
    }
}
