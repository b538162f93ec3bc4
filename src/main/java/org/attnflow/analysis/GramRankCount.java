package org.attnflow.analysis;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The papers' cluster count (spec/math.md §2): the rank of the 0/1 matrix [⟨x_i, x_j⟩ > 1 − 10^{-4}]. It equals the
 * number of clusters only when the relation is transitive (then the matrix is a permuted block diagonal of
 * all-ones blocks); kept to compare with {@link Clustering}, which is the honest count.
 */
public final class GramRankCount {
    /** The papers' threshold for the Gram-rank count. */
    public static final double PAPER_RANK_THRESHOLD = 1 - 1e-4;

    private GramRankCount() {}

    public static int count(double[] x, int d) { return count(x, d, PAPER_RANK_THRESHOLD); }

    /**
     * Rank of [⟨x_i, x_j⟩ &gt; threshold] (raw inner products, as the papers compute it). Duplicate rows are dropped
     * first, with their columns (the matrix is symmetric, so the same indices): that leaves the row and column
     * spaces, hence the rank, unchanged and makes clustered states, whose rows repeat, cheap.
     */
    public static int count(double[] x, int d, double threshold) {
        int n = Clustering.checkShape(x, d);
        BitSet[] rows = new BitSet[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new BitSet(n);
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) s += x[i * d + c] * x[j * d + c];
                if (s > threshold) rows[i].set(j);
            }
        }
        Map<BitSet, Integer> distinct = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) distinct.putIfAbsent(rows[i], i);
        int[] keep = distinct.values().stream().mapToInt(Integer::intValue).toArray();
        double[][] g = new double[keep.length][keep.length];
        for (int a = 0; a < keep.length; a++) for (int b = 0; b < keep.length; b++) g[a][b] = rows[keep[a]].get(keep[b]) ? 1 : 0;
        return NumericalRank.ofSymmetric(g);
    }
}
