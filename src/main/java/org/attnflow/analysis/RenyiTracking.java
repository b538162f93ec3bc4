package org.attnflow.analysis;

/**
 * How a set of Rényi centres (chosen at t = 0) evolves along a trajectory ([KPR] Lemma 5.1, Figs. 2–3).
 *
 * <p><b>Displacement</b> of centre c at frame f: the geodesic distance between x_c(t_f) and x_c(0).
 *
 * <p><b>Consumed</b> (our criterion; the paper's is not known here): at frame f, token j is consumed by centre c
 * when their angle is below the papers' pair radius arccos(1 − 10^{-3}) ≈ 0.0447, i.e. j has merged into c's
 * cluster by the same test {@link Clustering} uses. A token within that radius of several centres is counted
 * once, for the nearest. Centres count as consuming themselves, so the consumed fraction at t = 0 is about
 * (number of centres)/n.
 *
 * @param times         save times
 * @param centres       token indices of the centres
 * @param displacement  [frame][centre] geodesic displacement from t = 0
 * @param consumedBy    [frame][centre] number of tokens consumed by each centre (itself included)
 * @param consumedFraction [frame] fraction of all n tokens consumed by some centre
 */
public record RenyiTracking(double[] times, int[] centres, double[][] displacement, int[][] consumedBy, double[] consumedFraction) {

    /** The angular radius of consumption: the papers' pair threshold as an angle. */
    public static final double CONSUMPTION_RADIUS = Geodesic.angleOfInnerProduct(Clustering.PAPER_PAIR_THRESHOLD);

    public static RenyiTracking of(double[] times, double[][] frames, int d, int[] centres) {
        if (frames.length != times.length) throw new IllegalArgumentException(times.length + " times but " + frames.length + " frames");
        int n = Clustering.checkShape(frames[0], d);
        double[][] disp = new double[frames.length][centres.length];
        int[][] consumed = new int[frames.length][centres.length];
        double[] fraction = new double[frames.length];
        for (int f = 0; f < frames.length; f++) {
            double[] x = frames[f];
            for (int k = 0; k < centres.length; k++) disp[f][k] = Geodesic.angle(x, centres[k], frames[0], centres[k], d);
            int total = 0;
            for (int j = 0; j < n; j++) {
                int best = -1;
                double bestAngle = CONSUMPTION_RADIUS;
                for (int k = 0; k < centres.length; k++) {
                    double a = Geodesic.angle(x, j, centres[k], d);
                    if (a < bestAngle) {
                        bestAngle = a;
                        best = k;
                    }
                }
                if (best >= 0) {
                    consumed[f][best]++;
                    total++;
                }
            }
            fraction[f] = (double) total / n;
        }
        return new RenyiTracking(times.clone(), centres.clone(), disp, consumed, fraction);
    }

    /** Largest displacement of any centre over all frames. */
    public double maxDisplacement() {
        double m = 0;
        for (double[] row : displacement) for (double v : row) m = Math.max(m, v);
        return m;
    }
}
