package org.attnflow.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups of nearly equal numbers: sorted values split wherever two neighbours differ by more than a gap
 * tolerance (single-linkage clustering in one dimension, hence the same answer as union-find on |a − b| ≤ gap).
 *
 * @param means  mean of each group, ascending
 * @param sizes  members per group
 * @param widths max − min within each group
 */
public record LevelGroups(double[] means, int[] sizes, double[] widths) {

    public static LevelGroups of(double[] values, double gap) {
        if (values.length == 0) throw new IllegalArgumentException("no values to group");
        double[] s = values.clone();
        Arrays.sort(s);
        List<double[]> groups = new ArrayList<>(); // {sum, count, min, max}
        double[] g = {s[0], 1, s[0], s[0]};
        for (int i = 1; i < s.length; i++) {
            if (s[i] - s[i - 1] > gap) {
                groups.add(g);
                g = new double[] {0, 0, s[i], s[i]};
            }
            g[0] += s[i];
            g[1]++;
            g[3] = s[i];
        }
        groups.add(g);
        double[] means = new double[groups.size()];
        int[] sizes = new int[groups.size()];
        double[] widths = new double[groups.size()];
        for (int k = 0; k < means.length; k++) {
            double[] q = groups.get(k);
            means[k] = q[0] / q[1];
            sizes[k] = (int) q[1];
            widths[k] = q[3] - q[2];
        }
        return new LevelGroups(means, sizes, widths);
    }

    public int count() { return means.length; }

    /** Largest within-group width. */
    public double maxWidth() { return Arrays.stream(widths).max().orElse(0); }

    /** Smallest gap between consecutive group means (∞ for a single group). */
    public double minSeparation() {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 1; k < means.length; k++) m = Math.min(m, means[k] - means[k - 1]);
        return m;
    }

    @Override
    public double[] means() { return means.clone(); }

    @Override
    public int[] sizes() { return sizes.clone(); }

    @Override
    public double[] widths() { return widths.clone(); }
}
