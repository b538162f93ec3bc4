package org.attnflow.claims;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.plot.Palette;
import org.attnflow.plot.SeriesFigure;

/**
 * C1: under causal attention with V = I every token converges to the first token's start, for any Q, K, β. We run
 * Q = K = I on the circle and Gaussian Q, K on S², and measure max_k angle(x_k(T), x_1(0)).
 *
 * <p>Verdict ({@link #consensusVerdict}): violated when token 1 moves by more than {@link #FIRST_TOKEN_DRIFT} rad in
 * any run (under V = I it is stationary, I3: the claim's limit point x_1(0) would itself move), or when a run comes
 * to rest with a token more than {@link Measures#AWAY} away ({@link Measures#convergenceVerdict}: a stationary
 * non-consensus state; the theorem allows these only on a null set of starts); holds when every run ends with all
 * tokens within {@link #CONSENSUS} rad of x_1(0); inconclusive otherwise (not converged by T).
 */
final class C1CausalConsensus implements Claim {
    static final double CONSENSUS = 1e-3;
    /**
     * Largest angle token 1 may move under V = I: rounding only. Its exact velocity is 0; a double step adds
     * ~1e-16 rad at most and the retraction keeps it on the sphere, so 1e-12 leaves room for 10^4 steps.
     */
    static final double FIRST_TOKEN_DRIFT = 1e-12;


    public String id() { return "C1"; }

    /**
     * The claim's verdict: violated when token 1 drifted (the largest drift over the runs beyond
     * {@link #FIRST_TOKEN_DRIFT}), else the runs' verdicts combined ({@link Verdict#combine}), each run's by
     * {@link Measures#convergenceVerdict} on its largest angle to x_1(0) at T and its speed there.
     */
    static Verdict consensusVerdict(double worstFirstDrift, List<Verdict> runs) {
        if (worstFirstDrift > FIRST_TOKEN_DRIFT) return Verdict.VIOLATED;
        return Verdict.combine(runs);
    }

    /** Mean consensus time per beta (circle, Q = K = I runs only), to show its growth with beta. */
    private static void consensusTimes(ClaimReport r, ArrayNode runs) {
        ObjectNode byBeta = r.measured().putObject("mean_consensus_time_by_beta_circle");
        java.util.Map<Double, double[]> acc = new java.util.TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode o : runs) {
            if (o.get("d").asInt() != 2 || o.get("consensus_time").isNull() || Double.isNaN(o.get("consensus_time").asDouble())) continue;
            double[] a = acc.computeIfAbsent(o.get("beta").asDouble(), k -> new double[2]);
            a[0] += o.get("consensus_time").asDouble();
            a[1]++;
        }
        acc.forEach((b, a) -> byBeta.put(Double.toString(b), a[0] / a[1]));
    }

    public String statement() {
        return "M3 (causal), V = I, any Q, K, any beta >= 0, d >= 2: for almost every start every x_k(t) -> x_1(0).";
    }

    public String source() { return "[KPR] Thm 4.1"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        List<ObjectNode> scenarios = new ArrayList<>();
        int seeds = ctx.quick() ? 2 : 5;
        double horizon = ctx.quick() ? 60 : 300;
        for (int s = 1; s <= seeds; s++) {
            scenarios.add(ScenarioJson.sphere("C1: Q = K = V = I, circle", "causal", "softmax", 1, 16, 2, s, horizon, 0.5));
            ObjectNode g = ScenarioJson.sphere("C1: Gaussian Q, K, V = I, S^2", "causal", "softmax", 1, 16, 3, 100 + s, horizon, 0.5);
            ScenarioJson.random(g, "Q", 200 + s, 3, 1);
            ScenarioJson.random(g, "K", 300 + s, 3, 1);
            scenarios.add(g);
            if (!ctx.quick()) {
                // the time to the final cluster against beta (it grows like exp(Omega(sqrt beta)))
                for (int b = 2; b <= 3; b++) {
                    scenarios.add(ScenarioJson.sphere("C1: beta = " + b + ", circle", "causal", "softmax", b, 16, 2, 400 + 10 * b + s, 4000, 2));
                }
            }
        }
        ArrayNode runs = r.measured().putArray("runs");
        SeriesFigure fig = SeriesFigure.of("C1: max_k angle(x_k(t), x_1(0))", "time t", "angle (rad)").logY();
        List<Verdict> verdicts = new ArrayList<>();
        int k = 0;
        double worstFirstDrift = 0;
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (ObjectNode sj : scenarios) {
            ClaimContext.Run run = simulated.next();
            int d = run.scenario().dimension();
            double[] x10 = Measures.token(run.frame(0), 0, d);
            double[] t = run.times();
            double[] angle = new double[t.length];
            double firstDrift = 0;
            for (int f = 0; f < t.length; f++) {
                double[] x = run.frame(f);
                angle[f] = Math.max(Measures.maxAngleTo(x, d, x10), 1e-17);
                firstDrift = Math.max(firstDrift, org.attnflow.analysis.Geodesic.angle(x, 0, x10, 0, d));
            }
            double speed = Measures.maxSpeed(new ScalarAttentionField(run.scenario().model(), run.scenario().tokens()), run.last());
            double end = angle[angle.length - 1];
            ObjectNode o = runs.addObject();
            o.put("description", sj.get("description").asText());
            o.put("seed", run.scenario().initial().seed());
            o.put("beta", run.scenario().model().betaDouble());
            o.put("n", run.scenario().tokens());
            o.put("d", d);
            o.put("T", t[t.length - 1]);
            o.put("max_angle_to_x1_at_T", end);
            o.put("consensus_time", Measures.firstTimeBelow(t, angle, CONSENSUS));
            o.put("max_speed_at_T", speed);
            o.put("first_token_drift", firstDrift);
            worstFirstDrift = Math.max(worstFirstDrift, firstDrift);
            verdicts.add(Measures.convergenceVerdict(end, speed, CONSENSUS));
            fig.line(sj.get("description").asText().replace("C1: ", "") + " seed " + run.scenario().initial().seed(), t, angle, Palette.token(k++, scenarios.size()));
        }
        fig.chart().getStyler().setLegendVisible(scenarios.size() <= 6);
        ctx.figure(fig.chart(), "max-angle");
        r.paper().put("reports", "convergence of every token to x_1(0) (no rate; time to the final cluster grows like exp(Omega(sqrt beta)))");
        r.measured().put("criterion", "consensus: max_k angle(x_k(T), x_1(0)) < 1e-3 rad");
        r.measured().put("violation_criterion", "token 1 moves, or a run at rest (max speed < " + Measures.REST_SPEED + ") with a token more than "
                + Measures.AWAY + " rad from x_1(0)");
        r.measured().put("first_token_criterion", "token 1 moves less than " + FIRST_TOKEN_DRIFT + " rad (I3: stationary under V = I)");
        r.measured().put("max_first_token_drift", worstFirstDrift);
        consensusTimes(r, runs);
        String drift = String.format(java.util.Locale.ROOT, "token 1 moved at most %.2g rad", worstFirstDrift);
        long converged = verdicts.stream().filter(v -> v == Verdict.HOLDS).count();
        long stuck = verdicts.stream().filter(v -> v == Verdict.VIOLATED).count();
        Verdict verdict = consensusVerdict(worstFirstDrift, verdicts);
        if (worstFirstDrift > FIRST_TOKEN_DRIFT) r.verdict(verdict, drift + " (> " + FIRST_TOKEN_DRIFT + "): under V = I it must stay fixed (I3)");
        else if (verdict == Verdict.HOLDS) r.verdict(verdict, "all " + converged + " runs reached x_1(0) within 1e-3 rad; " + drift + " (I3)");
        else if (verdict == Verdict.VIOLATED) r.verdict(verdict, stuck + " run(s) came to rest away from x_1(0)");
        else r.verdict(verdict, (scenarios.size() - converged) + " of " + scenarios.size() + " runs not yet within 1e-3 rad of x_1(0) at T (still moving)");
    }

}
