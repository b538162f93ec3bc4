package org.attnflow.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;

class AttentionStructureTest {

    @Test
    void booleanMatrixOfTheC7FormIsRecognised() {
        // tokens (unsorted) 0.3, -2, 5, -1, 0.01: smallest is token 1, largest token 2
        double[] values = {0.3, -2, 5, -1, 0.01};
        double[][] p = new double[5][5];
        p[0][2] = 1;   // positive → largest
        p[1][1] = 1;   // negative → smallest
        p[2][2] = 1;
        p[3][1] = 1;
        p[4][0] = 0.2; p[4][1] = 0.3; p[4][2] = 0.5; // the one arbitrary row
        BooleanLimit b = BooleanLimit.of(p, values);
        assertEquals(1, b.first());
        assertEquals(2, b.last());
        assertEquals(4, b.exceptionalRow());
        assertEquals(0, b.distance());
        assertEquals(0.5, b.strictDistance(), 1e-15); // row (0.2, 0.3, 0.5): 0.5 from e_last, 0.7 from e_first
        assertArrayEquals(new int[] {1, 2}, b.leaders());
        assertEquals(2, b.limitRank());
        assertEquals(3, AttentionStructure.rank(p));

        // perturbing two rows by ε gives distance ε
        p[0][2] = 1 - 1e-3; p[0][4] = 1e-3;
        p[3][1] = 1 - 2e-3; p[3][0] = 2e-3;
        BooleanLimit q = BooleanLimit.of(p, values);
        assertEquals(2e-3, q.distance(), 1e-15);
        assertEquals(4, q.exceptionalRow());
    }

    @Test
    void attentionMatrixOfTheFieldIsRowStochasticAndPositive() {
        AttentionModel m = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 9, 3);
        double[] x = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, 12, 3, 2L, 1).toDoubleArray();
        double[][] p = new ScalarAttentionField(m, 12).attentionMatrix(x);
        assertTrue(AttentionStructure.maxRowSumDeviation(p) < 1e-14);
        assertTrue(AttentionStructure.minEntry(p) > 0);
        // e^{β⟨x_i,x_j⟩} with Q = K = I is a Gram-type kernel of full rank for distinct tokens
        assertEquals(12, AttentionStructure.rank(p));
        // a rank-one matrix: every row the same
        double[][] one = {{0.5, 0.5}, {0.5, 0.5}};
        assertEquals(1, AttentionStructure.rank(one));
    }
}
