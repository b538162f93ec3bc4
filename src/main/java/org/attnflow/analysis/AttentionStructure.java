package org.attnflow.analysis;

/**
 * Facts about an attention matrix P (n×n, row i = what token i attends to), e.g. from
 * {@code ScalarAttentionField.attentionMatrix}: row sums (spec/math.md I4), numerical rank, and (for d = 1) how far P is
 * from the Boolean limit of C7 ({@link BooleanLimit}).
 */
public final class AttentionStructure {
    private AttentionStructure() {}

    /** max_i |Σ_j P_ij − 1|. */
    public static double maxRowSumDeviation(double[][] p) {
        double m = 0;
        for (double[] row : p) {
            double s = 0;
            for (double v : row) s += v;
            m = Math.max(m, Math.abs(s - 1));
        }
        return m;
    }

    /** Smallest entry of P (negative entries violate I4). */
    public static double minEntry(double[][] p) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] row : p) for (double v : row) m = Math.min(m, v);
        return m;
    }

    /** Numerical rank of P (SVD, NumPy's default tolerance). */
    public static int rank(double[][] p) { return NumericalRank.of(p); }

    /**
     * Numerical rank at a coarser tolerance: the number of singular values above {@code relTol}·σ_max. A
     * matrix converging to rank r shows r here long before the exponentially small tail drops below ε.
     */
    public static int rank(double[][] p, double relTol) { return ranks(p, relTol)[1]; }

    /** {NumPy-tolerance rank, rank at relTol·σ_max} from one SVD. */
    public static int[] ranks(double[][] p, double relTol) {
        double[] s = NumericalRank.singularValues(p);
        return new int[] {NumericalRank.count(s, Math.max(p.length, p[0].length)), NumericalRank.countAbove(s, relTol)};
    }
}
