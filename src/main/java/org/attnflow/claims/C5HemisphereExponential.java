package org.attnflow.claims;

import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.plot.Palette;
import org.attnflow.plot.SeriesFigure;

/**
 * C5: tokens starting in an open hemisphere converge to one point exponentially fast (V = I, any Q, K). Starts:
 * uniform points with x_d ≥ 0.05 (listed in the scenario). On the stretch where 10^{-8} &lt; diameter &lt; 10^{-2} (below, the solver tolerance blurs the shape) we
 * require every local decay rate −Δlog(diameter)/Δt over windows of 2 time units to exceed 0.1 (exponential: the
 * rate stays bounded below, where an algebraic decay's would fall like a/t), and a diameter that never grows on
 * that stretch. Violated when, on that resolved stretch, some window's rate falls below {@link #STALL_RATE} (the
 * decay has stopped being exponential at a rate the run resolves) or the diameter grows by more than 10^{-6}
 * relative between frames; inconclusive when the run never reaches a resolved stretch (diameter still above
 * 10^{-2} at T) or the rate lies between the two thresholds.
 */
final class C5HemisphereExponential implements Claim {
    static final double WINDOW = 2;
    static final double MIN_RATE = 0.1;
    /** A window rate below this (a tenth of MIN_RATE: e-folding time over 100) is a stalled, non-exponential decay. */
    static final double STALL_RATE = 0.01;
    /** Relative growth of the diameter between frames beyond rounding and tolerance. */
    static final double GROWTH = 1e-6;
    /** Below this diameter the positions (rtol 1e-10, atol 1e-13) no longer resolve the shape: not fitted. */
    static final double FLOOR = 1e-8;

    public String id() { return "C5"; }

    public String statement() { return "M1 with V = I (any Q, K), all tokens in an open hemisphere at t = 0: convergence to one point is exponential."; }

    public String source() { return "[GLPR-M] Lemma 6.4"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int seeds = ctx.quick() ? 2 : 5;
        ArrayNode runs = r.measured().putArray("runs");
        SeriesFigure fig = SeriesFigure.of("C5: diameter from a hemisphere start", "time t", "diameter (rad)").logY();
        java.util.List<Verdict> verdicts = new java.util.ArrayList<>();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            for (boolean randomQK : new boolean[] {false, true}) {
                ObjectNode sj = ScenarioJson.sphere("C5: hemisphere start, " + (randomQK ? "Gaussian Q, K" : "Q = K = I") + ", beta = 1", "full", "softmax", 1, 16, 3, 0, 40, 0.25);
                ScenarioJson.points(sj, hemisphere(16, 3, 600 + s), 3);
                ScenarioJson.solver(sj, 1e-10, 1e-13);
                r.seed(600 + s);
                if (randomQK) {
                    ScenarioJson.random(sj, "Q", 700 + s, 3, 1);
                    ScenarioJson.random(sj, "K", 800 + s, 3, 1);
                }
                scenarios.add(sj);
            }
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        java.util.Iterator<ObjectNode> built = scenarios.iterator();
        for (int s = 1; s <= seeds; s++) {
            for (boolean randomQK : new boolean[] {false, true}) {
                ObjectNode sj = built.next();
                ClaimContext.Run run = simulated.next();
                double[] t = run.times(), logD = new double[t.length], diam = new double[t.length];
                double worstGrowth = 0;
                int from = -1, to = -1;
                for (int f = 0; f < t.length; f++) {
                    diam[f] = Math.max(Measures.diameter(run.frame(f), 3), 1e-17);
                    logD[f] = Math.log(diam[f]);
                    if (f > 0 && diam[f] > FLOOR) worstGrowth = Math.max(worstGrowth, diam[f] / diam[f - 1] - 1);
                    if (diam[f] < 1e-2 && from < 0) from = f;
                    if (diam[f] > FLOOR) to = f + 1;
                }
                ObjectNode o = runs.addObject();
                Verdict v = Verdict.INCONCLUSIVE;
                o.put("description", sj.get("description").asText());
                o.put("start_seed", 600 + s);
                o.put("diameter_at_0", diam[0]);
                o.put("diameter_at_T", diam[t.length - 1]);
                o.put("largest_relative_growth_between_frames", worstGrowth);
                if (from >= 0 && to - from >= 5) {
                    double[] fit = Measures.linearFit(t, logD, from, to);
                    // local rates over windows of WINDOW time units: exponential decay keeps them bounded below,
                    // an algebraic t^-a decay lets them fall like a/t
                    double minRate = Double.POSITIVE_INFINITY;
                    int w = (int) Math.round(WINDOW / (t[1] - t[0]));
                    for (int a = from; a + w < to; a += w) minRate = Math.min(minRate, -(logD[a + w] - logD[a]) / (t[a + w] - t[a]));
                    o.put("rate", -fit[0]);
                    o.put("fit_r2", fit[1]);
                    o.put("min_local_rate", minRate);
                    o.put("fit_window", "[" + t[from] + ", " + t[to - 1] + "]");
                    v = decayVerdict(minRate, worstGrowth);
                }
                o.put("verdict", v.key());
                verdicts.add(v);
                fig.line((randomQK ? "Gaussian Q, K" : "Q = K = I") + ", start " + s, t, diam, Palette.token(runs.size() - 1, 2 * seeds));
            }
        }
        ctx.figure(fig.chart(), "diameter");
        r.measured().put("criterion", "on 1e-8 < diameter < 1e-2 (below 1e-8 the solver tolerance blurs the shape): every local decay rate -d log(diameter)/dt over windows of 2 time units > 0.1 (exponential; an algebraic decay would let it fall like a/t); diameter never increasing above 1e-8; rate and R^2 of the overall fit reported");
        r.paper().put("reports", "exponential convergence to one point from an open hemisphere");
        r.measured().put("violation_criterion", "on the resolved stretch a window rate < " + STALL_RATE + " or a relative growth between frames > " + GROWTH);
        Verdict all = Verdict.combine(verdicts);
        long bad = verdicts.stream().filter(v -> v == Verdict.VIOLATED).count(), good = verdicts.stream().filter(v -> v == Verdict.HOLDS).count();
        if (all == Verdict.HOLDS) r.verdict(all, "all " + good + " runs contract exponentially (see rates)");
        else if (all == Verdict.VIOLATED) r.verdict(all, bad + " run(s) stalled (window rate < " + STALL_RATE + ") or grew while the diameter was resolved");
        else r.verdict(all, (verdicts.size() - good) + " runs did not show a clean exponential stretch by T = 40");
    }

    /**
     * One run's verdict from its resolved stretch: the smallest window decay rate and the largest relative growth
     * of the diameter between frames.
     */
    static Verdict decayVerdict(double minRate, double worstGrowth) {
        if (minRate < STALL_RATE || worstGrowth > GROWTH) return Verdict.VIOLATED;
        return minRate > MIN_RATE && worstGrowth <= 0 ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** n uniform points on S^{d−1} with x_d ≥ 0.05 (rejection), seeded. */
    static double[] hemisphere(int n, int d, long seed) {
        Random rng = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double norm;
            do {
                norm = 0;
                for (int c = 0; c < d; c++) {
                    x[i * d + c] = rng.nextGaussian();
                    norm += x[i * d + c] * x[i * d + c];
                }
                norm = Math.sqrt(norm);
            } while (x[i * d + d - 1] / norm < 0.05);
            for (int c = 0; c < d; c++) x[i * d + c] /= norm;
        }
        return x;
    }
}
