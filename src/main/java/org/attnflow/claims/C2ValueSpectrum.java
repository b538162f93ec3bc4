package org.attnflow.claims;

import java.util.ArrayList;
import java.util.List;

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
 * a run that is still moving is inconclusive; violated when a run is at rest ({@link Measures#atRest}) in a state
 * that contradicts the prediction ({@link #asPredicted}, {@link #caseVerdict}).
 */
final class C2ValueSpectrum implements Claim {
    /** The three cases, in the order of {@link #asPredicted}'s {@code c}. */
    static final String[] CASES = {"double", "simple", "negative"};
    /** "In the eigenspace" (double case) is |x_3| below this; "at ±e1" is |x_1 coordinate| above 1 − this. */
    static final double ON = 1e-3;

    public String id() { return "C2"; }

    /**
     * Whether case {@code c} ended as the atlas predicts: double, one cluster in span(e1, e2) (max |x_3| &lt; {@link #ON});
     * simple, at most two clusters at ±e1 (min |x_1| &gt; 1 − {@link #ON}); negative, more than two clusters (clouds,
     * not points) around ±e1 (min |x_1| &gt; 0.5).
     */
    static boolean asPredicted(int c, int clusters, double maxAbsX3, double minAbsX1) {
        return switch (c) {
            case 0 -> clusters == 1 && maxAbsX3 < ON;
            case 1 -> clusters <= 2 && minAbsX1 > 1 - ON;
            default -> clusters > 2 && minAbsX1 > 0.5;
        };
    }

    /** One case: holds as predicted; violated at rest and not as predicted; inconclusive while still moving. */
    static Verdict caseVerdict(boolean asPredicted, double speed) {
        if (asPredicted) return Verdict.HOLDS;
        return Measures.atRest(speed) ? Verdict.VIOLATED : Verdict.INCONCLUSIVE;
    }

    public String statement() {
        return "M3 by the top eigenvalue of V (conjectures): lambda_max > 0 of multiplicity >= 2 -> one point in the top eigenspace; "
                + "simple lambda_max > 0 -> two points +-xi; lambda_max < 0 -> point clouds around the eigenspace.";
    }

    public String source() { return "[KPR] Table 1, Fig. 1 (n = 32, d = 3, Q = K = I, beta = 9, T = 5000)"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int n = ctx.quick() ? 16 : 32;
        double end = ctx.quick() ? 300 : 2000;
        double[][][] vs = {ScenarioJson.diag(1, 1, 0.5), ScenarioJson.diag(1, 0.5, 0.25), ScenarioJson.diag(-0.25, -0.5, -1)};
        String[] names = CASES;
        ArrayNode runs = r.measured().putArray("runs");
        boolean[] ok = new boolean[3];
        List<Verdict> verdicts = new ArrayList<>();
        List<ObjectNode> scenarios = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            ObjectNode sj = ScenarioJson.sphere("C2: V " + names[c] + " top eigenvalue", "causal", "softmax", 9, n, 3, 7 + c, end, end / 100);
            ScenarioJson.matrix(sj, "V", vs[c]);
            scenarios.add(sj);
        }
        List<ClaimContext.Run> simulated = ctx.simulateAll(scenarios);
        for (int c = 0; c < 3; c++) {
            ClaimContext.Run run = simulated.get(c);
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
            ok[c] = asPredicted(c, p.count(), maxX3, minE1);
            verdicts.add(caseVerdict(ok[c], speed));
            o.put("as_predicted", ok[c]);
            o.put("at_rest", Measures.atRest(speed));
            ctx.figure(TokenFigure.of(3, "C2, V = " + java.util.Arrays.deepToString(vs[c]) + ", t ∈ [0, " + (int) end + "]")
                    .paths(run.frames(), 0, run.trajectory().frameCount() - 1).tokens(x)
                    .mark(x, new int[] {0}, Palette.STRONG_CENTRE, "token 1 at T").chart(), names[c]);
        }
        r.measured().put("criteria", "double: one union-find cluster with |x_3| < 1e-3; simple: <= 2 clusters with |x_1 coordinate| > 1 - 1e-3; "
                + "negative: more than 2 clusters (clouds, not points) with |x_1 coordinate| > 0.5");
        r.measured().put("violation_criterion", "a case at rest (max speed < " + Measures.REST_SPEED + ") whose state is not as predicted");
        r.paper().put("reports", "Fig. 1 atlas: one point (double), two antipodal points (simple), clouds around the eigenspace (negative); T = 5000");
        Verdict verdict = Verdict.combine(verdicts);
        StringBuilder contradicted = new StringBuilder();
        for (int c = 0; c < 3; c++) if (verdicts.get(c) == Verdict.VIOLATED) contradicted.append(' ').append(names[c]);
        if (verdict == Verdict.VIOLATED) r.verdict(verdict, "at rest (max speed < " + Measures.REST_SPEED + ") but not as predicted at T = " + end + ":" + contradicted);
        else if (verdict == Verdict.HOLDS) r.verdict(verdict, "all three cases end as the atlas predicts (T = " + end + ")");
        else {
            StringBuilder why = new StringBuilder("not (yet) as predicted at T = " + end + ":");
            for (int c = 0; c < 3; c++) {
                if (ok[c]) continue;
                com.fasterxml.jackson.databind.JsonNode o = runs.get(c);
                why.append(String.format(java.util.Locale.ROOT, " %s case has %d clusters, max speed %.2g (still moving, metastable);",
                        names[c], o.get("clusters").asInt(), o.get("max_speed_at_T").asDouble()));
            }
            r.verdict(verdict, why.toString());
        }
    }
}
