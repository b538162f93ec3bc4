package org.attnflow.claims;

import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.plot.SeriesFigure;

/**
 * C10: V = −I, QᵀK = I: every x_i(t) → 0 and P(t) → (1/n) 1 1ᵀ. M4 with Q = K = I, V = −I, Gaussian starts.
 *
 * <p>The approach is slow, and we say so rather than wait for it: the mean x̄ decays like e^{−t}, but near 0 (with
 * x̄ ≈ 0) P ≈ (1/n)(1 1ᵀ + X Xᵀ) gives ẋ_i ≈ −C x_i with C = (1/n) Σ_j x_j x_jᵀ = O(|x|²), so |x| ~ t^{−1/2} (our
 * linearisation, not the paper's). Holds when max|x_i| and max|P − 1/n| never increase (to 10^{-12}) and the
 * log-log slope of max|x_i| over the last half of [0, T] lies in [−0.75, −0.25], i.e. the algebraic decay to 0
 * that the linearisation predicts. Violated when max|x_i| or max|P − 1/n| grows by more than {@link #GROWTH}
 * (relative) between frames, or max|x_i| has not decreased over the last half of [0, T] (no approach to 0);
 * inconclusive otherwise (decaying, but not like a power of t).
 */
final class C10Contraction implements Claim {
    /** Relative growth between frames beyond rounding and tolerance. */
    static final double GROWTH = 1e-9;

    /** One run from its max|x_i| and max|P − 1/n| series and the log-log slope of max|x_i| over the last half. */
    static Verdict contractionVerdict(double[] norm, double[] deviation, double slope) {
        int half = norm.length / 2;
        boolean grows = false, strict = true;
        for (int f = 1; f < norm.length; f++) {
            grows |= norm[f] > norm[f - 1] * (1 + GROWTH) || deviation[f] > deviation[f - 1] * (1 + GROWTH) + 1e-15;
            strict &= norm[f] <= norm[f - 1] + 1e-12 && deviation[f] <= deviation[f - 1] + 1e-12;
        }
        if (grows || !(norm[norm.length - 1] < norm[half])) return Verdict.VIOLATED;
        return strict && slope > -0.75 && slope < -0.25 ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    public String id() { return "C10"; }

    public String statement() { return "M4, V = -I, Q^T K = I: every x_i(t) -> 0 and P(t) -> (1/n) 1 1^T."; }

    public String source() { return "[GLPR-E]"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int seeds = ctx.quick() ? 2 : 5;
        double end = ctx.quick() ? 200 : 2000;
        ArrayNode runs = r.measured().putArray("runs");
        SeriesFigure fig = SeriesFigure.of("C10: V = −I (log-log)", "time t", "value (see key)").logY().logX();
        java.util.List<Verdict> verdicts = new java.util.ArrayList<>();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            ObjectNode sj = ScenarioJson.euclidean("C10: V = -I, Q = K = I, d = 2", 1, 10, 2, 1400 + s, 1, end, end / 200);
            ScenarioJson.matrix(sj, "V", ScenarioJson.diag(-1, -1));
            scenarios.add(sj);
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (int s = 1; s <= seeds; s++) {
            ClaimContext.Run run = simulated.next();
            ScalarAttentionField field = new ScalarAttentionField(run.scenario().model(), 10);
            double[] t = run.times(), norm = new double[t.length], dev = new double[t.length], mean = new double[t.length];
            boolean monotone = true;
            for (int f = 0; f < t.length; f++) {
                double[] x = run.frame(f);
                double mx = 0, my = 0;
                for (int i = 0; i < 10; i++) {
                    norm[f] = Math.max(norm[f], Math.hypot(x[2 * i], x[2 * i + 1]));
                    mx += x[2 * i] / 10;
                    my += x[2 * i + 1] / 10;
                }
                mean[f] = Math.max(Math.hypot(mx, my), 1e-300);
                for (double[] row : field.attentionMatrix(x)) for (double p : row) dev[f] = Math.max(dev[f], Math.abs(p - 0.1));
                if (f > 0 && (norm[f] > norm[f - 1] + 1e-12 || dev[f] > dev[f - 1] + 1e-12)) monotone = false;
            }
            double[] logT = new double[t.length - 1], logN = new double[t.length - 1];
            for (int f = 1; f < t.length; f++) {
                logT[f - 1] = Math.log(t[f]);
                logN[f - 1] = Math.log(norm[f]);
            }
            double slope = Measures.linearFit(logT, logN, logT.length / 2, logT.length)[0];
            ObjectNode o = runs.addObject();
            o.put("seed", 1400 + s);
            o.put("T", end);
            o.put("max_norm_at_T", norm[t.length - 1]);
            o.put("mean_norm_at_T", mean[t.length - 1]);
            o.put("max_attention_deviation_from_uniform_at_T", dev[t.length - 1]);
            o.put("monotone", monotone);
            o.put("loglog_slope_of_max_norm", slope);
            Verdict v = contractionVerdict(norm, dev, slope);
            o.put("verdict", v.key());
            verdicts.add(v);
            if (s == 1) {
                double[] tt = Arrays.copyOfRange(t, 1, t.length);
                fig.line("max |x_i|", tt, Arrays.copyOfRange(norm, 1, t.length), java.awt.Color.BLUE)
                        .line("|mean x|", tt, Arrays.copyOfRange(mean, 1, t.length), java.awt.Color.GRAY)
                        .line("max |P - 1/n|", tt, Arrays.copyOfRange(dev, 1, t.length), java.awt.Color.RED);
            }
        }
        ctx.figure(fig.chart(), "decay");
        r.paper().put("reports", "x_i(t) -> 0 and P(t) -> (1/n) 1 1^T (no rate stated)");
        r.measured().put("criterion", "max |x_i| and max |P - 1/n| non-increasing; log-log slope of max |x_i| on the last half in [-0.75, -0.25] "
                + "(linearisation: |x| ~ t^-1/2, the mean ~ e^-t)");
        r.measured().put("violation_criterion", "max |x_i| or max |P - 1/n| grows by more than " + GROWTH + " (relative) between frames, or max |x_i| not lower at T than at T/2");
        Verdict all = Verdict.combine(verdicts);
        if (all == Verdict.VIOLATED) r.verdict(all, "a run's max |x_i| or max |P - 1/n| grew, or |x| stopped decreasing (see runs)");
        else if (all == Verdict.HOLDS) r.verdict(Verdict.HOLDS, "all " + seeds + " runs decay monotonically to 0 like t^-1/2 (algebraic, as linearised), P -> uniform");
        else r.verdict(Verdict.INCONCLUSIVE, verdicts.stream().filter(v -> v != Verdict.HOLDS).count() + " of " + seeds + " runs not monotone or not decaying like a power of t");
    }
}
