package org.attnflow.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.analysis.ConvexHull;
import org.attnflow.analysis.ConvexHulls;
import org.attnflow.plot.CloudFigure;
import org.attnflow.plot.Palette;

/**
 * C11 (disputed proof step: we only report what we see): V paranormal, here V = diag(1, 1, 0.5) on R³ (F = span(e1,
 * e2) with λ = 1, G = span(e3) with ρ = 0.5), QᵀK = AᵀA ≻ 0. The F-components of z_i should approach ∂K ∪ {0} for a
 * polygon K ⊂ F. Measured like C8 on the F-components. Holds when every F-component is within 10^{-4}·size of
 * ∂K or 0 and has stopped moving (10^{-4}·size over the last time unit); violated when the F-components are at rest
 * with one farther than {@link C8Polytope#OFF}·size from ∂K and 0 (the C8 criterion without the nesting part, which
 * the claim does not state for F); inconclusive otherwise.
 */
final class C11Paranormal implements Claim {
    public String id() { return "C11"; }

    public String statement() {
        return "M4, V paranormal (R^d = F + G invariant, V|F = lambda I, rho(V|G) < lambda), Q^T K positive definite: "
                + "z_i approach (boundary of K union {0}) x G for a polytope K in F. (A third-party audit disputes one proof step.)";
    }

    public String source() { return "[GLPR-E] paranormal theorem"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int seeds = ctx.quick() ? 2 : 5;
        ArrayNode runs = r.measured().putArray("runs");
        java.util.List<Verdict> verdicts = new java.util.ArrayList<>();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            ObjectNode sj = ScenarioJson.euclidean("C11: V = diag(1, 1, 0.5), Q = K = A Gaussian, d = 3", 1, 16, 3, 1500 + s, 1, 14, 0.1);
            ScenarioJson.matrix(sj, "V", ScenarioJson.diag(1, 1, 0.5));
            ScenarioJson.random(sj, "Q", 1600 + s, 3, 0.7);
            ScenarioJson.random(sj, "K", 1600 + s, 3, 0.7);
            scenarios.add(sj);
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (int s = 1; s <= seeds; s++) {
            ClaimContext.Run run = simulated.next();
            double[][] z = C8Polytope.rescaled(run, 3);
            int n = run.scenario().tokens();
            double[][] zf = new double[z.length][2 * n];
            double gSpread = 0;
            for (int k = 0; k < z.length; k++) {
                for (int i = 0; i < n; i++) {
                    zf[k][2 * i] = z[k][3 * i];
                    zf[k][2 * i + 1] = z[k][3 * i + 1];
                }
            }
            for (int i = 0; i < n; i++) gSpread = Math.max(gSpread, Math.abs(z[z.length - 1][3 * i + 2]));
            int last = z.length - 1, back = last - 10;
            ConvexHull k = ConvexHulls.of(zf[last], 2);
            double size = k.scale(), worst = 0, moved = 0;
            for (int i = 0; i < n; i++) {
                double[] p = {zf[last][2 * i], zf[last][2 * i + 1]};
                worst = Math.max(worst, Math.min(Math.abs(k.depth(p)), Math.hypot(p[0], p[1])));
                moved = Math.max(moved, Math.hypot(zf[last][2 * i] - zf[back][2 * i], zf[last][2 * i + 1] - zf[back][2 * i + 1]));
            }
            ObjectNode o = runs.addObject();
            o.put("seed", 1500 + s);
            o.put("polygon_vertices_in_F", k.vertices().length);
            o.put("distinct_F_limit_points", org.attnflow.analysis.Clustering.euclidean(zf[last], 2, 1e-3 * size).count());
            o.put("worst_F_distance_to_boundary_or_0_over_size", worst / size);
            o.put("F_movement_over_last_unit_over_size", moved / size);
            o.put("max_abs_G_component_at_T", gSpread);
            Verdict v = C8Polytope.polytopeVerdict(worst / size, moved / size, 0);
            o.put("verdict", v.key());
            verdicts.add(v);
            if (s == 1) {
                ctx.figure(CloudFigure.of("C11: F-components of z at t = 0 (grey hull) and T = 14").points(zf[last])
                        .hull(zf[0], ConvexHulls.of(zf[0], 2), Palette.OUTLINE, "hull at t = 0").hull(zf[last], k, java.awt.Color.BLACK, "hull at T").chart(), "F-plane");
            }
        }
        r.paper().put("reports", "z_i approach (boundary of K union {0}) x G; proof step disputed by an audit");
        r.measured().put("criterion", "F-components: min(depth in final hull, |z_F|) < 1e-4 * size and movement over the last unit < 1e-4 * size");
        r.measured().put("violation_criterion", "F-components at rest (movement < 1e-4 * size) with one farther than " + C8Polytope.OFF + " * size from the boundary and from 0");
        Verdict all = Verdict.combine(verdicts);
        if (all == Verdict.VIOLATED) r.verdict(all, "observed: an F-component rests inside the polygon (see runs)");
        else if (all == Verdict.HOLDS) r.verdict(Verdict.HOLDS, "observed in all " + seeds + " runs: F-components on the boundary of the final polygon or at 0, converged (observation, not a proof)");
        else r.verdict(Verdict.INCONCLUSIVE, verdicts.stream().filter(v -> v != Verdict.HOLDS).count() + " of " + seeds + " runs: some F-component inside the polygon or still moving at T = 14");
    }
}
