package org.attnflow.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LeftEigenvectorTest {

    @Test
    void leftEigenvectorOfAnUpperTriangularMatrix() {
        // V = [[2, 1], [0, 1]]: φᵀV = 2φᵀ gives φ ∝ (1, 1) (the right eigenvector would be (1, 0))
        LeftEigenvector e = LeftEigenvector.of(new double[] {2, 1, 0, 1}, 2);
        assertEquals(2, e.lambda(), 1e-12);
        assertTrue(e.real());
        assertTrue(e.simple());
        assertArrayEquals(new double[] {Math.sqrt(0.5), Math.sqrt(0.5)}, e.phi(), 1e-12);
        assertArrayEquals(new double[] {3 * Math.sqrt(0.5), 0}, e.levels(new double[] {1, 2, -1, 1}, 2), 1e-12);
    }

    @Test
    void repeatedAndComplexTopEigenvaluesAreFlagged() {
        assertFalse(LeftEigenvector.of(new double[] {1, 0, 0, 1}, 2).simple());
        LeftEigenvector rot = LeftEigenvector.of(new double[] {0, -1, 1, 0}, 2);
        assertFalse(rot.real());
        assertNull(rot.phi());
    }

    @Test
    void levelsGroupIntoThreeValues() {
        double[] l = {0.0, 1e-7, 2.0, 2.0000001, -1e-7, 5, 5.0000003, 2.0000002};
        LevelGroups g = LevelGroups.of(l, 1e-3);
        assertEquals(3, g.count());
        assertArrayEquals(new int[] {3, 3, 2}, g.sizes());
        assertEquals(0, g.means()[0], 1e-7);
        assertTrue(g.maxWidth() < 4e-7);
        assertEquals(2, g.minSeparation(), 1e-6);
    }
}
