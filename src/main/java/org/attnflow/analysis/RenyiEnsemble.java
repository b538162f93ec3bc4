package org.attnflow.analysis;

import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;

/**
 * Monte Carlo of Rényi centre counts for i.i.d. uniform tokens on S^{d−1}. Run r draws its tokens exactly as a
 * {@code uniform-sphere} start with seed {@code seed + r} (via {@link InitialCondition}), so that any single run
 * can be replayed as a simulation start.
 *
 * @param n      tokens per run
 * @param d      dimension
 * @param beta   inverse temperature
 * @param c      separation constant, δ = c β^{-1/2}
 * @param runs   number of runs
 * @param seed   seed of run 0
 * @param delta  the separation δ
 * @param strong statistics of the strong-centre count
 * @param ordinary statistics of the ordinary-centre count
 */
public record RenyiEnsemble(int n, int d, double beta, double c, int runs, long seed, double delta,
                            SampleSummary strong, SampleSummary ordinary) {

    public static RenyiEnsemble run(int n, int d, double beta, double c, int runs, long seed) {
        if (n < 1 || d < 2 || runs < 1) throw new IllegalArgumentException("need n >= 1, d >= 2 and runs >= 1, got n = " + n + ", d = " + d + ", runs = " + runs);
        double delta = RenyiCentres.delta(beta, c);
        double[] strong = new double[runs];
        double[] ordinary = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] x = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, n, d, seed + r, 1.0).toDoubleArray();
            strong[r] = RenyiCentres.strong(x, d, delta).length;
            ordinary[r] = RenyiCentres.ordinary(x, d, delta).length;
        }
        return new RenyiEnsemble(n, d, beta, c, runs, seed, delta, SampleSummary.of(strong), SampleSummary.of(ordinary));
    }

    /** Theory for the strong count at this n: (1 − (1 − σ(B_δ))^n)/σ(B_δ). */
    public double strongTheory() { return SphericalCap.expectedStrongCentres(d, delta, n); }

    /** Theory for the strong count as n → ∞: 1/σ(B_δ). */
    public double strongTheoryLimit() { return 1 / SphericalCap.fraction(d, delta); }

    /** Rényi's n → ∞ ordinary count on the circle, or NaN for d ≠ 2 (no closed form is known). */
    public double ordinaryTheoryLimit() { return d == 2 ? SphericalCap.expectedOrdinaryCentresOnCircle(delta) : Double.NaN; }
}
