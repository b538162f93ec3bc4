package org.attnflow.analysis;

import java.util.Arrays;

/**
 * Rényi centres of a token sequence x_1, x_2, … ([KPR] §5, spec/math.md C3), with the geodesic distance and
 * separation δ = c·β^{-1/2}:
 * <ul>
 *   <li><b>ordinary</b>: x_k is a centre when it is farther than δ from every earlier <em>centre</em>
 *       (random sequential parking: the centres are a maximal δ-separated prefix-greedy set);</li>
 *   <li><b>strong</b>: x_k is a strong centre when it is farther than δ from every earlier <em>token</em>.</li>
 * </ul>
 * Every strong centre is an ordinary centre. "Farther than" is strict (&gt; δ).
 */
public final class RenyiCentres {
    /** The separation constant of [KPR]'s figures. */
    public static final double DEFAULT_C = 4;

    private RenyiCentres() {}

    /** δ = c·β^{-1/2}. */
    public static double delta(double beta, double c) {
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("Rényi centres need beta > 0, got " + beta);
        if (!(c > 0) || !Double.isFinite(c)) throw new IllegalArgumentException("Rényi constant c must be > 0, got " + c);
        return c / Math.sqrt(beta);
    }

    /** Indices (ascending) of the ordinary Rényi centres. */
    public static int[] ordinary(double[] x, int d, double delta) {
        int n = Clustering.checkShape(x, d);
        int[] centres = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            boolean far = true;
            for (int j = 0; j < k && far; j++) far = Geodesic.angle(x, i, centres[j], d) > delta;
            if (far) centres[k++] = i;
        }
        return Arrays.copyOf(centres, k);
    }

    /**
     * Indices (ascending) of the strong Rényi centres. A token stops scanning at its first earlier neighbour
     * within δ, so for i.i.d. tokens the cost is about n/σ(B_δ) distance evaluations, not n².
     */
    public static int[] strong(double[] x, int d, double delta) {
        int n = Clustering.checkShape(x, d);
        int[] centres = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            boolean far = true;
            // Scan backwards: in a clustered sequence the nearest earlier token is usually a recent one.
            for (int j = i - 1; j >= 0 && far; j--) far = Geodesic.angle(x, i, j, d) > delta;
            if (far) centres[k++] = i;
        }
        return Arrays.copyOf(centres, k);
    }
}
