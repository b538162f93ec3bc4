package org.attnflow.claims;

import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.analysis.ConvexHull;
import org.attnflow.analysis.ConvexHulls;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.plot.CloudFigure;
import org.attnflow.plot.Palette;

/**
 * C8 (and I7): M4 with V = I and QᵀK = AᵀA ≻ 0 (Q = K = A Gaussian): each z_i converges to 0 or to the boundary of
 * the limiting polytope; the hulls of z shrink (nested in time). At T we take K ≈ hull(z(T)) and measure, for each
 * token, min(depth in K, ‖z_i‖) relative to the size of K, and how far z moved over the last time unit.
 * Holds when every token is within 10^{-4}·size of ∂K or of 0, z moved less than 10^{-4}·size over the last
 * unit, and the hulls were nested at every frame. Violated when z is at rest (moved less than 10^{-4}·size over the
 * last unit) with a token farther than {@link #OFF}·size from both ∂K and 0 (a limit point inside the polytope), or
 * when some z_i(t) leaves the previous hull by more than {@link #ESCAPE}·size (I7 broken beyond the solver's
 * error); inconclusive otherwise (still moving).
 */
final class C8Polytope implements Claim {
    static final double TOL = 1e-4;
    /** A limit point this far (relative to the size of K) from ∂K and from 0 contradicts the claim. */
    static final double OFF = 1e-2;
    /** An escape from the previous hull this large (relative) is no integration error (rtol 1e-8 on x). */
    static final double ESCAPE = 1e-3;

    /** One run: worst distance to ∂K or 0, movement over the last unit, escape from the previous hull, all over size. */
    static Verdict polytopeVerdict(double worst, double moved, double escape) {
        if (escape > ESCAPE || (moved < TOL && worst > OFF)) return Verdict.VIOLATED;
        return worst < TOL && moved < TOL && escape < 1e-6 ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    public String id() { return "C8"; }

    public String statement() { return "M4, V = I, Q^T K positive definite: each z_i(t) converges to 0 or to a point of the boundary of a convex polytope K; K's vertices are limit points; hull(z(t)) shrinks."; }

    public String source() { return "[GLPR-E] polytope theorem; I7"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int seeds = ctx.quick() ? 2 : 5;
        int[] dims = ctx.quick() ? new int[] {2} : new int[] {2, 3};
        ArrayNode runs = r.measured().putArray("runs");
        java.util.List<Verdict> verdicts = new java.util.ArrayList<>();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (int d : dims) {
            for (int s = 1; s <= seeds; s++) {
                ObjectNode sj = ScenarioJson.euclidean("C8: V = I, Q = K = A Gaussian, d = " + d, 1, 16, d, 1100 + s, 1, 14, 0.1);
                ScenarioJson.random(sj, "Q", 1200 + s, d, 0.7);
                ScenarioJson.random(sj, "K", 1200 + s, d, 0.7);
                scenarios.add(sj);
            }
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (int d : dims) {
            for (int s = 1; s <= seeds; s++) {
                ClaimContext.Run run = simulated.next();
                ObjectNode o = runs.addObject();
                o.put("d", d);
                o.put("seed", 1100 + s);
                verdicts.add(evaluate(ctx, run, d, o, s == 1));
            }
        }
        r.paper().put("reports", "z_i -> 0 or to the boundary of a polytope K (the limit of the hulls); K's vertices are limit points (Fig. in [GLPR-E])");
        r.measured().put("criterion", "min(depth in hull(z(T)), |z_i|) < 1e-4 * size for every token; |z(T) - z(T-1)| < 1e-4 * size; hulls nested at every frame (escape from the previous hull < 1e-6 * size)");
        r.measured().put("violation_criterion", "at rest (movement over the last unit < 1e-4 * size) with a token farther than " + OFF
                + " * size from the boundary and from 0, or an escape from the previous hull > " + ESCAPE + " * size");
        Verdict all = Verdict.combine(verdicts);
        int total = verdicts.size();
        if (all == Verdict.HOLDS) r.verdict(all, "all " + total + " runs: every z_i on the boundary of the final hull or at 0, converged, hulls nested");
        else if (all == Verdict.VIOLATED) r.verdict(all, "a run rests with a token inside the polytope, or its hulls are not nested (see runs)");
        else r.verdict(all, verdicts.stream().filter(v -> v != Verdict.HOLDS).count() + " of " + total + " runs have a token inside the hull or still moving at T = 14 (see measured)");
    }

    /** Fills o for one run and returns its verdict. */
    static Verdict evaluate(ClaimContext ctx, ClaimContext.Run run, int d, ObjectNode o, boolean draw) {
        double[][] z = rescaled(run, d);
        int last = z.length - 1, back = Math.max(0, last - (int) Math.round(1 / (run.times()[1] - run.times()[0])));
        ConvexHull k = ConvexHulls.of(z[last], d);
        double size = k.scale();
        double worst = 0, moved = 0;
        int n = z[last].length / d;
        for (int i = 0; i < n; i++) {
            double[] zi = Measures.token(z[last], i, d);
            double norm = Math.sqrt(Arrays.stream(zi).map(v -> v * v).sum());
            worst = Math.max(worst, Math.min(Math.abs(k.depth(zi)), norm));
            double m = 0;
            for (int c = 0; c < d; c++) m += Math.pow(z[last][i * d + c] - z[back][i * d + c], 2);
            moved = Math.max(moved, Math.sqrt(m));
        }
        // I7: how far any z_i(t_f) lies outside hull(z(t_{f-1})), relative to the size; the integration error
        // (rtol 1e-9 on x) bounds what can be resolved, so nested means an escape below 1e-6.
        double escape = 0;
        for (int f = 1; f < z.length; f++) {
            ConvexHull prev = ConvexHulls.of(z[f - 1], d);
            for (int i = 0; i < n; i++) escape = Math.max(escape, -prev.depth(Measures.token(z[f], i, d)) / prev.scale());
        }
        boolean nested = escape < 1e-6;
        o.put("hull_vertices_at_T", k.vertices().length);
        o.put("distinct_limit_points", org.attnflow.analysis.Clustering.euclidean(z[last], d, 1e-3 * size).count());
        o.put("hull_measure_at_0", ConvexHulls.of(z[0], d).measure());
        o.put("hull_measure_at_T", k.measure());
        o.put("size", size);
        o.put("worst_distance_to_boundary_or_0_over_size", worst / size);
        o.put("movement_over_last_unit_over_size", moved / size);
        o.put("largest_escape_from_previous_hull_over_size", escape);
        o.put("hulls_nested", nested);
        if (draw && d == 2) {
            ctx.figure(CloudFigure.of("C8: z at t = 0 (grey hull) and t = " + run.times()[last] + ", seed " + o.get("seed"))
                    .points(z[last]).hull(z[0], ConvexHulls.of(z[0], 2), Palette.OUTLINE, "hull at t = 0")
                    .hull(z[last], k, java.awt.Color.BLACK, "hull at T").chart(), "polytope-seed" + o.get("seed"));
        }
        Verdict v = polytopeVerdict(worst / size, moved / size, escape);
        o.put("verdict", v.key());
        return v;
    }

    static double[][] rescaled(ClaimContext.Run run, int d) {
        RescaledCoordinates rc = new RescaledCoordinates(run.scenario().model().v().toDoubleArray(), d);
        double[][] f = run.frames();
        double[] t = run.times();
        double[][] z = new double[f.length][];
        for (int k = 0; k < f.length; k++) {
            z[k] = new double[f[k].length];
            rc.apply(t[k], f[k], z[k]);
        }
        return z;
    }
}
