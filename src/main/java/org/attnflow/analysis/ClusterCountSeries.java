package org.attnflow.analysis;

/**
 * The number of clusters at each saved time of a trajectory, by union-find ({@link Clustering}) and by the papers'
 * Gram rank ({@link GramRankCount}), side by side.
 *
 * @param times      save times
 * @param unionFind  union-find count at the papers' pair threshold
 * @param gramRank   the papers' rank count
 */
public record ClusterCountSeries(double[] times, int[] unionFind, int[] gramRank) {

    public ClusterCountSeries {
        times = times.clone();
        unionFind = unionFind.clone();
        gramRank = gramRank.clone();
        if (unionFind.length != times.length || gramRank.length != times.length) {
            throw new IllegalArgumentException("one count per time is required");
        }
    }

    /** Counts on the sphere with the papers' thresholds (pairs 1 − 10^{-3}, rank 1 − 10^{-4}). */
    public static ClusterCountSeries onSphere(double[] times, double[][] frames, int d) {
        return onSphere(times, frames, d, Clustering.PAPER_PAIR_THRESHOLD, GramRankCount.PAPER_RANK_THRESHOLD);
    }

    public static ClusterCountSeries onSphere(double[] times, double[][] frames, int d, double pairThreshold, double rankThreshold) {
        if (frames.length != times.length) throw new IllegalArgumentException(times.length + " times but " + frames.length + " frames");
        int[] uf = new int[frames.length];
        int[] gr = new int[frames.length];
        for (int f = 0; f < frames.length; f++) {
            uf[f] = Clustering.onSphere(frames[f], d, pairThreshold).count();
            gr[f] = GramRankCount.count(frames[f], d, rankThreshold);
        }
        return new ClusterCountSeries(times, uf, gr);
    }

    /** Metastable plateaus of the union-find count lasting at least {@code minDuration}. */
    public java.util.List<Plateau> plateaus(double minDuration) { return Plateaus.find(times, unionFind, minDuration); }

    @Override
    public double[] times() { return times.clone(); }

    @Override
    public int[] unionFind() { return unionFind.clone(); }

    @Override
    public int[] gramRank() { return gramRank.clone(); }
}
