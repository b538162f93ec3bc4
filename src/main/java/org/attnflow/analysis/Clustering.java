package org.attnflow.analysis;

/**
 * Clusters as connected components of a pair relation (union-find): the honest count, which stays right when the
 * relation is not transitive (a chain of close neighbours is one cluster), unlike the papers' Gram-rank count
 * ({@link GramRankCount}).
 */
public final class Clustering {
    /** The papers' pair criterion: tokens i, j are clustered when ⟨x_i, x_j⟩ > 1 − 10^{-3} (spec/math.md §2). */
    public static final double PAPER_PAIR_THRESHOLD = 1 - 1e-3;

    private Clustering() {}

    /** Clusters on the sphere with the papers' threshold. */
    public static ClusterPartition onSphere(double[] x, int d) { return onSphere(x, d, PAPER_PAIR_THRESHOLD); }

    /**
     * Clusters on the sphere: i ~ j when the cosine of their angle exceeds {@code innerProductThreshold} (for unit
     * tokens, ⟨x_i, x_j⟩ > threshold). Centres are the normalised mean directions.
     */
    public static ClusterPartition onSphere(double[] x, int d, double innerProductThreshold) {
        double radius = Geodesic.angleOfInnerProduct(innerProductThreshold);
        int n = checkShape(x, d);
        DisjointSets sets = new DisjointSets(n);
        // Compare angles, not raw inner products, so that tokens a little off the unit sphere are judged by
        // direction; for unit tokens cos(angle) > t and angle < arccos(t) are the same relation.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Geodesic.angle(x, i, j, d) < radius) sets.union(i, j);
            }
        }
        return partition(x, d, sets.labels(), true);
    }

    /** Clusters in R^d: i ~ j when ‖x_i − x_j‖ < radius. Centres are the means. */
    public static ClusterPartition euclidean(double[] x, int d, double radius) {
        int n = checkShape(x, d);
        DisjointSets sets = new DisjointSets(n);
        double r2 = radius * radius;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = x[i * d + c] - x[j * d + c];
                    s += t * t;
                }
                if (s < r2) sets.union(i, j);
            }
        }
        return partition(x, d, sets.labels(), false);
    }

    private static ClusterPartition partition(double[] x, int d, int[] labels, boolean normalise) {
        int k = 0;
        for (int l : labels) k = Math.max(k, l + 1);
        int[] sizes = new int[k];
        double[] centres = new double[k * d];
        for (int i = 0; i < labels.length; i++) {
            sizes[labels[i]]++;
            for (int c = 0; c < d; c++) centres[labels[i] * d + c] += x[i * d + c];
        }
        for (int l = 0; l < k; l++) {
            double scale = 0;
            if (normalise) {
                for (int c = 0; c < d; c++) scale += centres[l * d + c] * centres[l * d + c];
                scale = Math.sqrt(scale);
            } else {
                scale = sizes[l];
            }
            // A cluster of antipodal tokens has no mean direction; keep its first token's direction then.
            if (!(scale > 0)) continue;
            for (int c = 0; c < d; c++) centres[l * d + c] /= scale;
        }
        return new ClusterPartition(labels, sizes, centres, d);
    }

    static int checkShape(double[] x, int d) {
        if (d < 1 || x.length % d != 0) throw new IllegalArgumentException("state of length " + x.length + " is not n x d with d = " + d);
        return x.length / d;
    }
}
