package org.attnflow.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.plot.SeriesFigure;

/**
 * C10: V = −I, QᵀK = I: every x_i(t) → 0 and P(t) → (1/n) 1 1ᵀ. M4 with Q = K = I, V = −I, Gaussian starts, T = 20.
 * Holds when max‖x_i(T)‖ &lt; 10^{-6} and max|P(T) − 1/n| &lt; 10^{-6} in every run.
 */
final class C10Contraction implements Claim {
    public String id() { return "C10"; }

    public String statement() { return "M4, V = -I, Q^T K = I: every x_i(t) -> 0 and P(t) -> (1/n) 1 1^T."; }

    public String source() { return "[GLPR-E]"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int seeds = ctx.quick() ? 2 : 5;
        ArrayNode runs = r.measured().putArray("runs");
        SeriesFigure fig = SeriesFigure.of("C10: V = -I", "t", "value").logY();
        int ok = 0;
        for (int s = 1; s <= seeds; s++) {
            ObjectNode sj = ScenarioJson.euclidean("C10: V = -I, Q = K = I, d = 2", 1, 10, 2, 1400 + s, 1, 20, 0.25);
            ScenarioJson.matrix(sj, "V", ScenarioJson.diag(-1, -1));
            ClaimContext.Run run = ctx.simulate(sj);
            ScalarAttentionField field = new ScalarAttentionField(run.scenario().model(), 10);
            double[] t = run.times(), norm = new double[t.length], dev = new double[t.length];
            for (int f = 0; f < t.length; f++) {
                double[] x = run.frames()[f];
                for (int i = 0; i < 10; i++) norm[f] = Math.max(norm[f], Math.hypot(x[2 * i], x[2 * i + 1]));
                for (double[] row : field.attentionMatrix(x)) for (double p : row) dev[f] = Math.max(dev[f], Math.abs(p - 0.1));
                dev[f] = Math.max(dev[f], 1e-17);
            }
            ObjectNode o = runs.addObject();
            o.put("seed", 1400 + s);
            o.put("max_norm_at_T", norm[t.length - 1]);
            o.put("max_attention_deviation_from_uniform_at_T", dev[t.length - 1]);
            o.put("decay_rate_of_norm", -Measures.linearFit(t, java.util.Arrays.stream(norm).map(Math::log).toArray(), t.length / 2, t.length)[0]);
            if (norm[t.length - 1] < 1e-6 && dev[t.length - 1] < 1e-6) ok++;
            if (s == 1) fig.line("max |x_i|", t, norm, java.awt.Color.BLUE).line("max |P - 1/n|", t, dev, java.awt.Color.RED);
        }
        ctx.figure(fig.chart(), "decay");
        r.paper().put("reports", "x_i(t) -> 0 and P(t) -> (1/n) 1 1^T");
        if (ok == seeds) r.verdict(Verdict.HOLDS, "all " + seeds + " runs: max |x_i(20)| and max |P - 1/n| below 1e-6");
        else r.verdict(Verdict.INCONCLUSIVE, (seeds - ok) + " runs above 1e-6 at T = 20");
    }
}
