package org.attnflow.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attnflow.field.simd.VectorAttentionField;
import org.attnflow.io.InputException;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.junit.jupiter.api.Test;

class FieldsTest {
    private static final AttentionModel M3 = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 4, 3);

    private static SolverSettings settings(String field, int threads) {
        return new SolverSettings("rk4", 0.1, SolverSettings.DEFAULT_RTOL, SolverSettings.DEFAULT_ATOL, null, field, threads);
    }

    @Test
    void explicitChoicesAreHonoured() {
        assertInstanceOf(ScalarAttentionField.class, Fields.create(M3, 1000, settings("scalar", 0)));
        AttentionField simd = Fields.create(M3, 2, settings("simd", 3));
        assertInstanceOf(VectorAttentionField.class, simd);
        assertEquals(2, simd.tokens());
    }

    @Test
    void autoPicksSimdExceptForTinySystems() {
        assertInstanceOf(VectorAttentionField.class, Fields.create(M3, 64, settings("auto", 0)));
        assertInstanceOf(VectorAttentionField.class, Fields.create(M3, 64, settings(null, 0)));
        // n = 2 causal: 3 pairs · (m + d = 6) = 18 < 64
        assertInstanceOf(ScalarAttentionField.class, Fields.create(M3, 2, settings("auto", 0)));
    }

    @Test
    void autoWithARunLengthWeighsTheJitWarmUp() {
        AttentionModel m3 = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 9, 3);
        // n = 32, d = 3 causal: 528 pairs · 6 = 3168 per evaluation.
        assertInstanceOf(ScalarAttentionField.class, Fields.create(m3, 32, settings("auto", 0), 1200));
        assertInstanceOf(VectorAttentionField.class, Fields.create(m3, 32, settings("auto", 0), 200_000));
        assertInstanceOf(VectorAttentionField.class, Fields.create(m3, 32, settings("auto", 0), -1));
        // explicit choices ignore the estimate
        assertInstanceOf(VectorAttentionField.class, Fields.create(m3, 32, settings("simd", 0), 10));
    }

    @Test
    void unknownFieldIsAnInputError() {
        InputException e = assertThrows(InputException.class, () -> Fields.create(M3, 10, settings("gpu", 0)));
        assertEquals("solver.field: 'gpu' is not one of auto|scalar|simd", e.getMessage());
    }
}
