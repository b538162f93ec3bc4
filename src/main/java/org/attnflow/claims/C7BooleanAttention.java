package org.attnflow.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.analysis.AttentionStructure;
import org.attnflow.analysis.BooleanLimit;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.plot.HeatMapFigure;
import org.attnflow.plot.SeriesFigure;

/**
 * C7: in d = 1 with V &gt; 0 and QK &gt; 0, the attention matrix converges to a Boolean matrix whose rows are e_1 or
 * e_n (tokens sorted), except at most one row; rank 1 or 2. M4 with Q = K = V = 1, β = 1, Gaussian starts. We
 * measure {@link BooleanLimit#distance} (max-norm, one exceptional row allowed) over time. Holds when it is below
 * 10^{-6} at T in every run and the limit has rank ≤ 2. Violated when a run's P is at rest (changed by less than
 * {@link #REST} in max norm over the last time unit) and either the Boolean limit it is at has rank &gt; 2 or it rests
 * farther than 10^{-3} from any Boolean matrix of the C7 form; inconclusive otherwise (still moving).
 */
final class C7BooleanAttention implements Claim {
    static final double CLOSE = 1e-6;
    static final double REST = 1e-9;
    static final double FAR = 1e-3;

    /** One run: distance to the Boolean form at T, the rank of that Boolean limit, the change of P over the last unit. */
    static Verdict booleanVerdict(double distance, int limitRank, double change) {
        boolean atRest = change < REST;
        if (atRest && (limitRank > 2 || distance > FAR)) return Verdict.VIOLATED;
        return distance < CLOSE && limitRank <= 2 ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    public String id() { return "C7"; }

    public String statement() {
        return "M4, d = 1, V > 0, QK > 0, distinct tokens: P(t) -> a Boolean matrix with rows e_1 or e_n (tokens sorted), "
                + "except at most one row; rank 1 or 2. The tokens with non-zero columns are the leaders.";
    }

    public String source() { return "[GLPR-E] d = 1 theorem"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int seeds = ctx.quick() ? 2 : 6;
        int n = ctx.quick() ? 10 : 20;
        ArrayNode runs = r.measured().putArray("runs");
        SeriesFigure fig = SeriesFigure.of("C7: distance of P(t) to the Boolean limit (max norm, one row exempt)", "time t", "distance (max norm)").logY();
        java.util.List<Verdict> verdicts = new java.util.ArrayList<>();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (int s = 1; s <= seeds; s++) scenarios.add(ScenarioJson.euclidean("C7: d = 1, Q = K = V = 1", 1, n, 1, 900 + s, 1, 8, 0.1));
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (int s = 1; s <= seeds; s++) {
            ClaimContext.Run run = simulated.next();
            ScalarAttentionField field = new ScalarAttentionField(run.scenario().model(), n);
            double[] t = run.times(), dist = new double[t.length];
            BooleanLimit last = null;
            for (int f = 0; f < t.length; f++) {
                double[] x = run.frame(f);
                last = BooleanLimit.of(field.attentionMatrix(x), x);
                dist[f] = Math.max(last.distance(), 1e-17);
            }
            double[][] p = field.attentionMatrix(run.last());
            double[][] before = field.attentionMatrix(run.frame(Math.max(0, t.length - 1 - (int) Math.round(1 / (t[1] - t[0])))));
            double change = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) change = Math.max(change, Math.abs(p[i][j] - before[i][j]));
            ObjectNode o = runs.addObject();
            o.put("seed", 900 + s);
            o.put("distance_at_T", last.distance());
            o.put("strict_distance_at_T", last.strictDistance());
            o.put("exceptional_row", last.exceptionalRow());
            o.set("leaders", org.attnflow.io.Json.MAPPER.valueToTree(last.leaders()));
            o.put("limit_rank", last.limitRank());
            o.put("rank_at_1e-6", AttentionStructure.rank(p, 1e-6));
            o.put("change_over_last_unit", change);
            Verdict v = booleanVerdict(last.distance(), last.limitRank(), change);
            o.put("verdict", v.key());
            verdicts.add(v);
            fig.line("seed " + (900 + s), t, dist, org.attnflow.plot.Palette.token(s - 1, seeds));
            if (s == 1) ctx.figure(HeatMapFigure.of("C7: P at t = " + t[t.length - 1] + " (seed 901)", p), "attention");
        }
        ctx.figure(fig.chart(), "distance");
        r.paper().put("reports", "P(t) -> Boolean, rows e_1 or e_n except at most one; rank 1 or 2; leaders = non-zero columns");
        r.measured().put("criterion", "holds: distance < " + CLOSE + " with limit rank <= 2; violated: P at rest (change over the last unit < " + REST
                + ") with limit rank > 2 or distance > " + FAR);
        Verdict all = Verdict.combine(verdicts);
        if (all == Verdict.HOLDS) r.verdict(all, "every run within 1e-6 of the Boolean form at T = 8 with limit rank <= 2");
        else if (all == Verdict.VIOLATED) r.verdict(all, "a run's P is at rest away from the Boolean form or with limit rank > 2 (see runs)");
        else r.verdict(all, verdicts.stream().filter(v -> v != Verdict.HOLDS).count() + " of " + seeds + " runs not within 1e-6 of the Boolean form at T = 8 (still moving)");
    }
}
