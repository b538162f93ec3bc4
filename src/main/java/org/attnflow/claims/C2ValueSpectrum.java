package org.attnflow.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.analysis.ClusterPartition;
import org.attnflow.analysis.Clustering;
import org.attnflow.plot.Palette;
import org.attnflow.plot.TokenFigure;

/**
 * C2 (conjectures): the causal limit by the top eigenvalue of V. On S² with Q = K = I, β = 9 ([KPR] Fig. 1) we run
 * V = diag(1, 1, 0.5) (λ_max = 1 double: one point expected in span(e1, e2)), V = diag(1, 0.5, 0.25) (simple:
 * two points ±e1 expected) and V = diag(−0.25, −0.5, −1) (negative: point clouds around ±e1 expected).
 *
 * <p>Clusters are union-find at the papers' radius; "in the eigenspace" means |x_3| &lt; 10^{-3} (double case),
 * "at ±e1" means |⟨c, e1⟩| &gt; 1 − 10^{-3}. Being conjectures with a horizon far below the paper's T = 5000,
 * a run that is still moving is inconclusive; violated when a run is at rest (max speed &lt; 10^{-10}) in a state
 * that contradicts the prediction.
 */
final class C2ValueSpectrum implements Claim {
    public String id() { return "C2"; }

    public String statement() {
        return "M3 by the top eigenvalue of V (conjectures): lambda_max > 0 of multiplicity >= 2 -> one point in the top eigenspace; "
                + "simple lambda_max > 0 -> two points +-xi; lambda_max < 0 -> point clouds around the eigenspace.";
    }

    public String source() { return "[KPR] Table 1, Fig. 1 (n = 32, d = 3, Q = K = I, beta = 9, T = 5000)"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int n = ctx.quick() ? 16 : 32;
        double end = ctx.quick() ? 300 : 2000;
        double[][][] vs = {ScenarioJson.diag(1, 1, 0.5), ScenarioJson.diag(1, 0.5, 0.25), ScenarioJson.diag(-0.25, -0.5, -1)};
        String[] names = {"double", "simple", "negative"};
        ArrayNode runs = r.measured().putArray("runs");
        boolean[] ok = new boolean[3];
        boolean[] atRest = new boolean[3];
        for (int c = 0; c < 3; c++) {
            ObjectNode sj = ScenarioJson.sphere("C2: V " + names[c] + " top eigenvalue", "causal", "softmax", 9, n, 3, 7 + c, end, end / 100);
            ScenarioJson.matrix(sj, "V", vs[c]);
            ClaimContext.Run run = ctx.simulate(sj);
            double[] x = run.last();
            ClusterPartition p = Clustering.onSphere(x, 3);
            ObjectNode o = runs.addObject();
            o.put("case", names[c]);
            o.put("V", java.util.Arrays.deepToString(vs[c]));
            o.put("T", end);
            o.put("clusters", p.count());
            o.set("cluster_sizes", org.attnflow.io.Json.MAPPER.valueToTree(p.sizesDescending()));
            double maxX3 = 0, minE1 = 1;
            for (int i = 0; i < n; i++) {
                maxX3 = Math.max(maxX3, Math.abs(x[i * 3 + 2]));
                minE1 = Math.min(minE1, Math.abs(x[i * 3]));
            }
            o.put("max_abs_x3", maxX3);
            o.put("min_abs_x1_coordinate", minE1);
            double speed = Measures.maxSpeed(new org.attnflow.field.ScalarAttentionField(run.scenario().model(), n), x);
            o.put("max_speed_at_T", speed);
            atRest[c] = speed < Measures.REST_SPEED;
            switch (c) {
                case 0 -> ok[c] = p.count() == 1 && maxX3 < 1e-3;
                case 1 -> ok[c] = p.count() <= 2 && minE1 > 1 - 1e-3;
                default -> ok[c] = p.count() > 2 && minE1 > 0.5;
            }
            o.put("as_predicted", ok[c]);
            o.put("at_rest", atRest[c]);
            ctx.figure(TokenFigure.of(3, "C2, V = " + java.util.Arrays.deepToString(vs[c]) + ", t ∈ [0, " + (int) end + "]")
                    .paths(run.frames(), 0, run.frames().length - 1).tokens(x)
                    .mark(x, new int[] {0}, Palette.STRONG_CENTRE, "token 1 at T").chart(), names[c]);
        }
        r.measured().put("criteria", "double: one union-find cluster with |x_3| < 1e-3; simple: <= 2 clusters with |x_1 coordinate| > 1 - 1e-3; "
                + "negative: more than 2 clusters (clouds, not points) with |x_1 coordinate| > 0.5");
        r.measured().put("violation_criterion", "a case at rest (max speed < " + Measures.REST_SPEED + ") whose state is not as predicted");
        r.paper().put("reports", "Fig. 1 atlas: one point (double), two antipodal points (simple), clouds around the eigenspace (negative); T = 5000");
        StringBuilder contradicted = new StringBuilder();
        for (int c = 0; c < 3; c++) if (!ok[c] && atRest[c]) contradicted.append(' ').append(names[c]);
        if (contradicted.length() > 0) r.verdict(Verdict.VIOLATED, "at rest (max speed < " + Measures.REST_SPEED + ") but not as predicted at T = " + end + ":" + contradicted);
        else if (ok[0] && ok[1] && ok[2]) r.verdict(Verdict.HOLDS, "all three cases end as the atlas predicts (T = " + end + ")");
        else {
            StringBuilder why = new StringBuilder("not (yet) as predicted at T = " + end + ":");
            for (int c = 0; c < 3; c++) {
                if (ok[c]) continue;
                com.fasterxml.jackson.databind.JsonNode o = runs.get(c);
                why.append(String.format(java.util.Locale.ROOT, " %s case has %d clusters, max speed %.2g (still moving, metastable);",
                        names[c], o.get("clusters").asInt(), o.get("max_speed_at_T").asDouble()));
            }
            r.verdict(Verdict.INCONCLUSIVE, why.toString());
        }
    }
}
