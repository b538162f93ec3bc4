package org.attnflow.analysis;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Numerical rank by singular values (Hipparchus SVD), with NumPy's {@code matrix_rank} default tolerance
 * σ_max · max(rows, cols) · ε, so that our count of the papers' Gram matrix is the number their code printed.
 */
public final class NumericalRank {
    private NumericalRank() {}

    public static int of(double[][] a) {
        if (a.length == 0) return 0;
        double[] s = new SingularValueDecomposition(MatrixUtils.createRealMatrix(a)).getSingularValues();
        if (s.length == 0 || s[0] == 0) return 0;
        double tol = s[0] * Math.max(a.length, a[0].length) * Math.ulp(1.0);
        int r = 0;
        for (double v : s) if (v > tol) r++;
        return r;
    }
}
