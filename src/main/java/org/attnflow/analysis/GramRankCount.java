package org.attnflow.analysis;

/**
 * The papers' cluster count (math.md §2): the rank of the 0/1 matrix [⟨x_i, x_j⟩ > 1 − 10^{-4}]. It equals the
 * number of clusters only when the relation is transitive (then the matrix is a permuted block diagonal of
 * all-ones blocks); kept to compare with {@link Clustering}, which is the honest count.
 */
public final class GramRankCount {
    /** The papers' threshold for the Gram-rank count. */
    public static final double PAPER_RANK_THRESHOLD = 1 - 1e-4;

    private GramRankCount() {}

    public static int count(double[] x, int d) { return count(x, d, PAPER_RANK_THRESHOLD); }

    /** Rank of [⟨x_i, x_j⟩ > threshold] (raw inner products, as the papers compute it). */
    public static int count(double[] x, int d, double threshold) {
        int n = Clustering.checkShape(x, d);
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) s += x[i * d + c] * x[j * d + c];
                g[i][j] = s > threshold ? 1 : 0;
            }
        }
        return NumericalRank.of(g);
    }
}
