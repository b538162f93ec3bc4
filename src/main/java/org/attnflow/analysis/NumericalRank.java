package org.attnflow.analysis;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Numerical rank by singular values (Hipparchus SVD), with NumPy's {@code matrix_rank} default tolerance
 * σ_max · max(rows, cols) · ε, so that our count of the papers' Gram matrix is the number their code printed.
 */
public final class NumericalRank {
    private NumericalRank() {}

    /**
     * The same rank for a symmetric matrix from its eigenvalues (Hipparchus's symmetric eigen-decomposition, ~20×
     * faster than the SVD at n = 200): its singular values are the |λ_i|, so the NumPy rule applies unchanged.
     */
    public static int ofSymmetric(double[][] a) {
        if (a.length == 0) return 0;
        double[] ev = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(a)).getEigenvalues();
        double max = 0;
        for (double v : ev) max = Math.max(max, Math.abs(v));
        if (max == 0) return 0;
        double tol = max * a.length * Math.ulp(1.0);
        int r = 0;
        for (double v : ev) if (Math.abs(v) > tol) r++;
        return r;
    }

    public static int of(double[][] a) {
        if (a.length == 0) return 0;
        return count(singularValues(a), Math.max(a.length, a[0].length));
    }

    /** Singular values, largest first. */
    public static double[] singularValues(double[][] a) {
        return new SingularValueDecomposition(MatrixUtils.createRealMatrix(a)).getSingularValues();
    }

    /** How many of the (descending) singular values s exceed NumPy's tolerance σ_max · max(rows, cols) · ε. */
    static int count(double[] s, int maxDimension) {
        if (s.length == 0 || s[0] == 0) return 0;
        return countAbove(s, maxDimension * Math.ulp(1.0));
    }

    /** How many of the (descending) singular values exceed relTol · σ_max. */
    static int countAbove(double[] s, double relTol) {
        if (s.length == 0 || s[0] == 0) return 0;
        int r = 0;
        for (double v : s) if (v > relTol * s[0]) r++;
        return r;
    }
}
