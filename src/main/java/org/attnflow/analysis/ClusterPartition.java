package org.attnflow.analysis;

import java.util.Arrays;

/**
 * A partition of n tokens into clusters.
 *
 * @param labels  cluster of each token, 0..k−1, numbered by the first token of each cluster
 * @param sizes   tokens per cluster
 * @param centres k×d row-major centres (on the sphere: the normalised mean direction; in R^d: the mean)
 * @param d       token dimension
 */
public record ClusterPartition(int[] labels, int[] sizes, double[] centres, int d) {

    public ClusterPartition {
        labels = labels.clone();
        sizes = sizes.clone();
        centres = centres.clone();
    }

    /** Number of clusters k. */
    public int count() { return sizes.length; }

    /** Cluster sizes in decreasing order. */
    public int[] sizesDescending() {
        int[] s = sizes.clone();
        Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            int t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    /** Centre of cluster k (a copy). */
    public double[] centre(int k) { return Arrays.copyOfRange(centres, k * d, k * d + d); }

    @Override
    public int[] labels() { return labels.clone(); }

    @Override
    public int[] sizes() { return sizes.clone(); }

    @Override
    public double[] centres() { return centres.clone(); }
}
