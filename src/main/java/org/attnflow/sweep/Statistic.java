package org.attnflow.sweep;

import org.attnflow.analysis.ClusterPartition;
import org.attnflow.analysis.Clustering;
import org.attnflow.analysis.Geodesic;
import org.attnflow.analysis.RenyiCentres;
import org.attnflow.field.Tokens;
import org.attnflow.integrate.Trajectory;
import org.attnflow.model.Keys;

/**
 * What a sweep records of each run at each saved time (sweep key {@code statistics}, names by {@link Keys}:
 * {@code PAIR_CLUSTERED_FRACTION} is "pair-clustered-fraction"). Every statistic is a number per saved time and
 * is computed by the analysis package; this enum only names them and fixes their parameters. All are on the
 * sphere (geometry sphere).
 */
public enum Statistic {
    /**
     * Fraction of the n(n−1)/2 pairs with ⟨x_i, x_j⟩ &gt; the pair threshold (the papers' 1 − 10^{-3}): the colour
     * of [GLPR-M] Fig. 3. Pairs are judged by angle, as {@link Clustering} does, so slightly non-unit tokens are
     * judged by direction.
     */
    PAIR_CLUSTERED_FRACTION,
    /** Number of clusters: connected components of the pair relation (union-find, {@link Clustering}). */
    CLUSTER_COUNT,
    /** Number of strong Rényi centres with δ = c β^{-1/2} ({@link RenyiCentres#strong}). */
    RENYI_STRONG,
    /** Number of ordinary Rényi centres with δ = c β^{-1/2} ({@link RenyiCentres#ordinary}). */
    RENYI_ORDINARY,
    /**
     * Largest geodesic angle between a token and the final cluster: the centre (normalised mean direction) of the
     * largest cluster of the last saved frame, the first such cluster on a tie. 0 at the end exactly when every
     * token has joined it; over time, how far the run still is from its final configuration.
     */
    DISTANCE_TO_FINAL_CLUSTER;

    /** The name used in sweep files and in the result tables. */
    public String key() { return Keys.of(this); }

    /** Whether the statistic needs β &gt; 0 (the Rényi separation δ = c β^{-1/2}). */
    public boolean needsPositiveBeta() { return this == RENYI_STRONG || this == RENYI_ORDINARY; }

    /** The statistic at every saved time of {@code trajectory} (tokens on the sphere), for a run at inverse temperature {@code beta}. */
    public double[] series(Trajectory trajectory, double beta, StatisticSettings settings) {
        int d = trajectory.d();
        double[] out = new double[trajectory.frameCount()];
        double[] finalCentre = this == DISTANCE_TO_FINAL_CLUSTER ? largestClusterCentre(trajectory.last(), d, settings) : null;
        double delta = needsPositiveBeta() ? RenyiCentres.delta(beta, settings.renyiC()) : Double.NaN;
        // the threshold's angle once per run, not per frame (an arccos costs as much as a frame's pair loop at n = 32)
        double radius = this == PAIR_CLUSTERED_FRACTION ? Geodesic.angleOfInnerProduct(settings.pairThreshold()) : Double.NaN;
        double[] x = new double[trajectory.n() * d];
        double[] inverseNorms = new double[trajectory.n()]; // scratch of the pair count
        for (int f = 0; f < out.length; f++) {
            trajectory.copyFrame(f, x);
            out[f] = switch (this) {
                case PAIR_CLUSTERED_FRACTION -> pairClusteredFraction(x, d, settings.pairThreshold(), radius, inverseNorms);
                case CLUSTER_COUNT -> Clustering.onSphere(x, d, settings.pairThreshold()).count();
                case RENYI_STRONG -> RenyiCentres.strong(x, d, delta).length;
                case RENYI_ORDINARY -> RenyiCentres.ordinary(x, d, delta).length;
                case DISTANCE_TO_FINAL_CLUSTER -> maxAngleTo(x, d, finalCentre);
            };
        }
        return out;
    }

    /**
     * Pairs closer than the threshold's angle {@code radius} ({@link Geodesic#angleOfInnerProduct} of the threshold;
     * {@link Geodesic#angle}, accurate at every angle). The angle is
     * computed only for pairs whose cosine lies within {@link #ANGLE_MARGIN} of the threshold: elsewhere the cosine,
     * correct to a few units in the last place, already decides (the count is the same, pair for pair).
     * {@code inverseNorms} is scratch of length n.
     */
    private static double pairClusteredFraction(double[] x, int d, double threshold, double radius, double[] inverseNorms) {
        int n = x.length / d;
        if (n < 2) return 1;
        // 1/‖x_i‖ once per token: the cosine by two multiplications instead of a division per pair (a few ulps apart,
        // far inside ANGLE_MARGIN, so the same pairs are decided by the cosine and the same by the angle)
        for (int i = 0; i < n; i++) inverseNorms[i] = 1 / Tokens.norm(x, i, d);
        long close = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double cos = Tokens.dot(x, i, x, j, d) * inverseNorms[i] * inverseNorms[j];
                if (cos > threshold + ANGLE_MARGIN) close++;
                else if (!(cos < threshold - ANGLE_MARGIN) && Geodesic.angle(x, i, j, d) < radius) close++;
            }
        }
        return close / (n * (n - 1) / 2.0);
    }

    /** How far from a threshold a cosine computed in double must be to decide without the angle (errors are ~1e-15). */
    private static final double ANGLE_MARGIN = 1e-9;

    private static double[] largestClusterCentre(double[] x, int d, StatisticSettings settings) {
        ClusterPartition p = Clustering.onSphere(x, d, settings.pairThreshold());
        int[] sizes = p.sizes();
        int best = 0;
        for (int k = 1; k < sizes.length; k++) if (sizes[k] > sizes[best]) best = k;
        return p.centre(best);
    }

    private static double maxAngleTo(double[] x, int d, double[] point) {
        double m = 0;
        for (int i = 0; i < x.length / d; i++) m = Math.max(m, Geodesic.angle(x, i, point, 0, d));
        return m;
    }
}
