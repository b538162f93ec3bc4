package org.attnflow.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attnflow.field.simd.VectorAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.junit.jupiter.api.Test;

class FieldsTest {
    private static final AttentionModel M3 = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 4, 3);
    /** Run length unknown (the adaptive dopri5). */
    private static final long UNKNOWN = -1;

    private static SolverSettings settings(FieldKind field, int threads) {
        return new SolverSettings(Method.RK4, 0.1, SolverSettings.DEFAULT_RTOL, SolverSettings.DEFAULT_ATOL, null, field, threads);
    }

    @Test
    void explicitChoicesAreHonoured() {
        assertInstanceOf(ScalarAttentionField.class, Fields.create(M3, 1000, settings(FieldKind.SCALAR, 0), UNKNOWN));
        AttentionField simd = Fields.create(M3, 2, settings(FieldKind.SIMD, 3), UNKNOWN);
        assertInstanceOf(VectorAttentionField.class, simd);
        assertEquals(2, simd.tokens());
    }

    @Test
    void autoPicksSimdExceptForTinySystems() {
        assertInstanceOf(VectorAttentionField.class, Fields.create(M3, 64, settings(FieldKind.AUTO, 0), UNKNOWN));
        // no field given is auto
        assertEquals(FieldKind.AUTO, settings(null, 0).field());
        assertInstanceOf(VectorAttentionField.class, Fields.create(M3, 64, settings(null, 0), UNKNOWN));
        // n = 2 causal: 3 pairs · (m + d = 6) = 18 < 64
        assertInstanceOf(ScalarAttentionField.class, Fields.create(M3, 2, settings(FieldKind.AUTO, 0), UNKNOWN));
    }

    @Test
    void autoWithARunLengthWeighsTheJitWarmUp() {
        AttentionModel m3 = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 9, 3);
        // n = 32, d = 3 causal: 528 pairs · 6 = 3168 per evaluation.
        assertInstanceOf(ScalarAttentionField.class, Fields.create(m3, 32, settings(FieldKind.AUTO, 0), 1200));
        assertInstanceOf(VectorAttentionField.class, Fields.create(m3, 32, settings(FieldKind.AUTO, 0), 300_000));
        assertInstanceOf(VectorAttentionField.class, Fields.create(m3, 32, settings(FieldKind.AUTO, 0), UNKNOWN));
        // explicit choices ignore the estimate
        assertInstanceOf(VectorAttentionField.class, Fields.create(m3, 32, settings(FieldKind.SIMD, 0), 10));
    }

    /**
     * A causal run's work counts its n(n+1)/2 pairs, not n²: claim C1's 20 runs (n = 16, d = 2, dopri5 to T = 4000,
     * 6 × 32 × 4000 expected evaluations, 136 · 4 · 768000 = 4.2·10⁸ < 7.5·10⁸) stay scalar. Counted as n² (the last
     * row's length taken for every row) they went SIMD, about 50 µs an evaluation at n = 16 while the Vector API warmed.
     */
    @Test
    void causalWorkCountsTheTrianglesPairs() {
        assertEquals(136, Mask.CAUSAL.pairs(16));
        assertEquals(256, Mask.FULL.pairs(16));
        AttentionModel circle = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 2, 2);
        assertInstanceOf(ScalarAttentionField.class, Fields.create(circle, 16, settings(FieldKind.AUTO, 0), 6L * 32 * 4000));
        assertInstanceOf(VectorAttentionField.class, Fields.create(circle, 16, settings(FieldKind.AUTO, 0), 2L * 6 * 32 * 4000));
    }

    /** Every field kind builds a field (the switch in Fields is exhaustive; this runs each case). */
    @Test
    void everyFieldKindBuildsAField() {
        AttentionModel circle = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 2, 2);
        for (FieldKind kind : FieldKind.values()) {
            AttentionModel m = kind.unsupported(M3) == null ? M3 : circle;
            AttentionField f = Fields.create(m, 8, settings(kind, 1), UNKNOWN);
            assertEquals(8, f.tokens(), kind.key());
        }
    }

    @Test
    void unknownFieldKindIsAnIllegalArgumentNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldKind.fromKey("gpu"));
        assertEquals("'gpu' is not one of auto|scalar|symmetric|simd|fourier", e.getMessage());
    }
}
