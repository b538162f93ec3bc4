package org.attnflow.claims;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.plot.Palette;
import org.attnflow.plot.SeriesFigure;

/**
 * C4: full attention (SA and USA) with Q = K = V = I in d ≥ 3 reaches one point from almost every start. We
 * measure the diameter (largest pairwise angle) at T and decide each run by {@link Measures#convergenceVerdict}:
 * holds when the diameter is below {@link #ONE_POINT}; violated when the run comes to rest with diameter beyond
 * {@link Measures#AWAY}; else inconclusive. The claim: {@link Verdict#combine} of the runs.
 */
final class C4FullAttentionConsensus implements Claim {
    /** A diameter below this (rad) is one point. */
    static final double ONE_POINT = 1e-3;

    public String id() { return "C4"; }

    public String statement() { return "M1/M2 (full attention, softmax or mean), Q = K = V = I, d >= 3, any beta: almost every start converges to one point."; }

    public String source() { return "[GLPR-M] Thm 6.1"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        List<ObjectNode> scenarios = new ArrayList<>();
        int seeds = ctx.quick() ? 1 : 4;
        double[] betas = ctx.quick() ? new double[] {1, 4} : new double[] {1, 4, 9};
        int n = ctx.quick() ? 16 : 32;
        double horizon = ctx.quick() ? 80 : 3000;
        for (int s = 1; s <= seeds; s++) {
            for (double b : betas) {
                scenarios.add(ScenarioJson.sphere("C4: M1 (softmax), d = 3, beta = " + b, "full", "softmax", b, n, 3, 10 * s + (long) b, horizon, horizon / 160));
            }
            scenarios.add(ScenarioJson.sphere("C4: M2 (mean), d = 3, beta = 1", "full", "mean", 1, n, 3, 1000 + s, horizon, horizon / 160));
            if (!ctx.quick()) scenarios.add(ScenarioJson.sphere("C4: M1, d = 5, beta = 4", "full", "softmax", 4, n, 5, 2000 + s, horizon, horizon / 160));
        }
        ArrayNode runs = r.measured().putArray("runs");
        SeriesFigure fig = SeriesFigure.of("C4: diameter (largest pairwise angle)", "time t", "diameter (rad)").logY();
        List<Verdict> verdicts = new ArrayList<>();
        int k = 0;
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (ObjectNode sj : scenarios) {
            ClaimContext.Run run = simulated.next();
            int d = run.scenario().dimension();
            double[] t = run.times(), diam = new double[t.length];
            for (int f = 0; f < t.length; f++) diam[f] = Math.max(Measures.diameter(run.frame(f), d), 1e-17);
            double end = diam[diam.length - 1];
            double speed = Measures.maxSpeed(new ScalarAttentionField(run.scenario().model(), run.scenario().tokens()), run.last());
            ObjectNode o = runs.addObject();
            o.put("description", sj.get("description").asText());
            o.put("seed", run.scenario().initial().seed());
            o.put("diameter_at_T", end);
            o.put("one_cluster_time", Measures.firstTimeBelow(t, diam, ONE_POINT));
            o.put("max_speed_at_T", speed);
            verdicts.add(Measures.convergenceVerdict(end, speed, ONE_POINT));
            fig.line(sj.get("description").asText().replace("C4: ", "") + " seed " + run.scenario().initial().seed(), t, diam, Palette.token(k++, scenarios.size()));
        }
        fig.chart().getStyler().setLegendVisible(scenarios.size() <= 8);
        ctx.figure(fig.chart(), "diameter");
        r.paper().put("reports", "convergence to a single point for almost every start (d >= 3)");
        r.measured().put("criterion", "one point: diameter at T < " + ONE_POINT + " rad");
        r.measured().put("violation_criterion", "a run at rest (max speed < " + Measures.REST_SPEED + ") with diameter > " + Measures.AWAY + " rad");
        long done = verdicts.stream().filter(v -> v == Verdict.HOLDS).count();
        long stuck = verdicts.stream().filter(v -> v == Verdict.VIOLATED).count();
        Verdict verdict = Verdict.combine(verdicts);
        if (verdict == Verdict.HOLDS) r.verdict(verdict, "all " + done + " runs reached one point (diameter < 1e-3) by T = " + horizon);
        else if (verdict == Verdict.VIOLATED) r.verdict(verdict, stuck + " run(s) came to rest with several clusters");
        else r.verdict(verdict, (scenarios.size() - done) + " of " + scenarios.size() + " runs still spread at T = " + horizon + " (metastable, still moving)");
    }
}
