package org.attnflow.analysis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        return run(n, d, beta, c, runs, seed, done -> { });
    }

    /** The same, telling {@code progress} the number of runs done after each. */
    public static RenyiEnsemble run(int n, int d, double beta, double c, int runs, long seed, java.util.function.LongConsumer progress) {
        if (n < 1 || d < 2 || runs < 1) throw new IllegalArgumentException("need n >= 1, d >= 2 and runs >= 1, got n = " + n + ", d = " + d + ", runs = " + runs);
        double delta = RenyiCentres.delta(beta, c);
        double[] strong = new double[runs];
        double[] ordinary = new double[runs];
        // no dynamics to batch (issue 12): each run counts the centres of a random sample, no field is evaluated
        for (int r = 0; r < runs; r++) {
            double[] x = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, n, d, seed + r, 1.0).toDoubleArray();
            strong[r] = RenyiCentres.strong(x, d, delta).length;
            ordinary[r] = RenyiCentres.ordinary(x, d, delta).length;
            progress.accept(r + 1L);
        }
        return new RenyiEnsemble(n, d, beta, c, runs, seed, delta, SampleSummary.of(strong), SampleSummary.of(ordinary));
    }

    /** Theory for the strong count at this n: (1 − (1 − σ(B_δ))^n)/σ(B_δ). */
    public double strongTheory() { return SphericalCap.expectedStrongCentres(d, delta, n); }

    /** Theory for the strong count as n → ∞: 1/σ(B_δ). */
    public double strongTheoryLimit() { return 1 / SphericalCap.fraction(d, delta); }

    /** Rényi's n → ∞ ordinary count on the circle, or NaN for d ≠ 2 (no closed form is known). */
    public double ordinaryTheoryLimit() { return d == 2 ? SphericalCap.expectedOrdinaryCentresOnCircle(delta) : Double.NaN; }

    /** The counts, their spread and the theory as JSON (the output of {@code attnflow renyi}). */
    public ObjectNode toJson() {
        RenyiEnsemble e = this;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("n", e.n());
        o.put("d", e.d());
        o.put("beta", e.beta());
        o.put("c", e.c());
        o.put("delta", e.delta());
        o.put("runs", e.runs());
        o.put("seed", e.seed());
        o.put("seeds", "run r uses seed " + e.seed() + " + r");
        ObjectNode s = summary(o.putObject("strong"), e.strong());
        s.put("theory", e.strongTheory());
        s.put("theory_limit", e.strongTheoryLimit());
        s.put("z_score", (e.strong().mean() - e.strongTheory()) / e.strong().standardError());
        ObjectNode r = summary(o.putObject("ordinary"), e.ordinary());
        if (e.d() == 2) {
            r.put("theory_limit", e.ordinaryTheoryLimit());
            r.put("theory_note", "Renyi parking constant 0.7475979... times 2 pi/delta, reached as n grows past 2 pi/delta");
        } else {
            r.putNull("theory_limit");
            r.put("theory_note", "no closed form known for d > 2");
        }
        return o;
    }

    private static ObjectNode summary(ObjectNode o, SampleSummary s) {
        o.put("mean", s.mean());
        o.put("standard_deviation", s.standardDeviation());
        o.put("standard_error", s.standardError());
        o.put("min", s.min());
        o.put("max", s.max());
        return o;
    }
}
